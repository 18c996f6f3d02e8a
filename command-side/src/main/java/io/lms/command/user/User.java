package io.lms.command.user;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lms.api.common.Actor;
import io.lms.api.common.Role;
import io.lms.api.error.ErrorCode;
import io.lms.api.user.ChangeUserPasswordCommand;
import io.lms.api.user.ChangeUserProfileCommand;
import io.lms.api.user.ChangeUserRoleCommand;
import io.lms.api.user.Profile;
import io.lms.api.user.RegisterBootstrapAdminCommand;
import io.lms.api.user.RegisterUserCommand;
import io.lms.api.user.UserPasswordChangedEvent;
import io.lms.api.user.UserProfileChangedEvent;
import io.lms.api.user.UserRegisteredEvent;
import io.lms.api.user.UserRoleChangedEvent;
import io.lms.command.lookup.UniqueKeyRegistry;
import io.lms.platform.error.DomainException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A person on the platform. Decides sign-up (unique username and email, a self-assignable role, a strong
 * enough password), profile changes (self or admin), password changes (self, knowing the current one) and role
 * changes (admin, never their own). A new password or role ends the user's sessions (see {@link CredentialStore}).
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
public class User {

    static final int MAX_FULL_NAME = 200;
    static final int MAX_BIO = 5000;
    static final int MAX_URL = 2048;

    @AggregateIdentifier
    private String userId;

    private String username;
    private Role role;
    private Profile profile;

    protected User() {}

    @CommandHandler
    public User(
            RegisterUserCommand command,
            UniqueKeyRegistry keys,
            CredentialStore credentials,
            PasswordEncoder passwordEncoder) {
        Role requested = command.role() == null ? Role.STUDENT : command.role();
        if (!requested.selfAssignable()) {
            throw new DomainException(
                    ErrorCode.ROLE_NOT_SELF_ASSIGNABLE,
                    "Sign-up grants the role student or instructor, not "
                            + requested.name().toLowerCase());
        }
        Profile initial = command.profile() == null ? Profile.EMPTY : command.profile();
        checkProfile(initial);
        register(
                command.userId(),
                command.username(),
                command.email(),
                command.password(),
                requested,
                initial,
                keys,
                credentials,
                passwordEncoder);
    }

    @CommandHandler
    public User(
            RegisterBootstrapAdminCommand command,
            UniqueKeyRegistry keys,
            CredentialStore credentials,
            PasswordEncoder passwordEncoder) {
        register(
                command.userId(),
                command.username(),
                command.email(),
                command.password(),
                Role.ADMIN,
                Profile.EMPTY,
                keys,
                credentials,
                passwordEncoder);
    }

    private static void register(
            String userId,
            String username,
            String email,
            String password,
            Role role,
            Profile profile,
            UniqueKeyRegistry keys,
            CredentialStore credentials,
            PasswordEncoder passwordEncoder) {
        PasswordPolicy.check("password", password);
        String usernameKey = UniqueKeyRegistry.usernameKey(username);
        String emailKey = UniqueKeyRegistry.emailKey(email);
        if (!keys.claim(usernameKey, userId)) {
            throw new DomainException(ErrorCode.USERNAME_TAKEN, "The username '" + username + "' is taken");
        }
        if (!keys.claim(emailKey, userId)) {
            keys.release(usernameKey, userId);
            throw new DomainException(ErrorCode.EMAIL_TAKEN, "The email address is already registered");
        }
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.onRollback(u -> {
            keys.release(usernameKey, userId);
            keys.release(emailKey, userId);
            credentials.remove(userId);
        }));
        credentials.store(userId, passwordEncoder.encode(password));
        apply(new UserRegisteredEvent(userId, username.trim(), email.trim(), role, profile));
    }

    @CommandHandler
    public void handle(ChangeUserProfileCommand command) {
        requireSelfOrAdmin(command.actor());
        Profile changed = profile.merge(command.fullName(), command.bio(), command.avatarUrl());
        checkProfile(changed);
        if (!changed.equals(profile)) {
            apply(new UserProfileChangedEvent(userId, changed));
        }
    }

    @CommandHandler
    public void handle(ChangeUserPasswordCommand command, CredentialStore credentials, PasswordEncoder encoder) {
        if (!command.actor().is(userId)) {
            throw DomainException.forbidden("Only the user themself changes their password");
        }
        String currentHash = credentials.hashOf(userId).orElse(null);
        if (currentHash == null
                || command.currentPassword() == null
                || !encoder.matches(command.currentPassword(), currentHash)) {
            throw new DomainException(
                    ErrorCode.WRONG_CURRENT_PASSWORD,
                    "current_password is not the current password",
                    List.of(new io.lms.platform.error.FieldViolation(
                            "current_password", "is not the current password")));
        }
        PasswordPolicy.check("new_password", command.newPassword());
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.onRollback(u -> credentials.store(userId, currentHash)));
        credentials.store(userId, encoder.encode(command.newPassword()));
        apply(new UserPasswordChangedEvent(userId));
    }

    /**
     * A new role ends the user's sessions: their refresh tokens stop working, so the next sign-in carries the new
     * role. The stamp moves before the event is stored; if storing fails, the user only signs in again.
     */
    @CommandHandler
    public void handle(ChangeUserRoleCommand command, CredentialStore credentials) {
        if (!command.actor().isAdmin()) {
            throw DomainException.forbidden("Only an admin changes roles");
        }
        if (command.actor().is(userId)) {
            throw new DomainException(ErrorCode.OWN_ROLE_CHANGE, "An admin cannot change their own role");
        }
        if (command.role() == null) {
            throw DomainException.invalid("role", "is required");
        }
        if (command.role() != role) {
            credentials.endSessions(userId);
            apply(new UserRoleChangedEvent(userId, command.role(), role));
        }
    }

    @EventSourcingHandler
    void on(UserRegisteredEvent event) {
        userId = event.userId();
        username = event.username();
        role = event.role();
        profile = event.profile() == null ? Profile.EMPTY : event.profile();
    }

    @EventSourcingHandler
    void on(UserProfileChangedEvent event) {
        profile = event.profile();
    }

    @EventSourcingHandler
    void on(UserRoleChangedEvent event) {
        role = event.role();
    }

    Role role() {
        return role;
    }

    String username() {
        return username;
    }

    private void requireSelfOrAdmin(Actor actor) {
        if (!actor.is(userId) && !actor.isAdmin()) {
            throw DomainException.forbidden("Only the user themself or an admin changes a profile");
        }
    }

    private static void checkProfile(Profile profile) {
        if (profile.fullName() != null && profile.fullName().length() > MAX_FULL_NAME) {
            throw DomainException.invalid("full_name", "must be at most " + MAX_FULL_NAME + " characters");
        }
        if (profile.bio() != null && profile.bio().length() > MAX_BIO) {
            throw DomainException.invalid("bio", "must be at most " + MAX_BIO + " characters");
        }
        String url = profile.avatarUrl();
        if (url != null && !url.isEmpty() && !isWebUrl(url)) {
            throw DomainException.invalid(
                    "avatar_url", "must be an http or https URL of at most " + MAX_URL + " characters");
        }
    }

    private static boolean isWebUrl(String value) {
        if (value.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return Objects.equals(uri.getScheme(), "https") || Objects.equals(uri.getScheme(), "http")
                    ? uri.getHost() != null
                    : false;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
