package io.lms.command.user;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.lms.command.lookup.InMemoryUniqueKeys;
import io.lms.command.lookup.UniqueKeyRegistry;
import io.lms.platform.error.DomainException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class UserAggregateTest {

    private static final String ALICE = "6b06eb3caa76f936f62db6fc";
    private static final String BOB = "6b06eb3caa76f936f62db6fd";
    private static final String ADMIN = "6b06eb3caa76f936f62db6fe";
    private static final Actor ALICE_ACTOR = new Actor(ALICE, Role.STUDENT);
    private static final Actor BOB_ACTOR = new Actor(BOB, Role.STUDENT);
    private static final Actor ADMIN_ACTOR = new Actor(ADMIN, Role.ADMIN);
    private static final Profile PROFILE = new Profile("Alice A", null, null);
    private static final UserRegisteredEvent ALICE_REGISTERED =
            new UserRegisteredEvent(ALICE, "alice", "Alice@Example.com", Role.STUDENT, PROFILE);

    private final InMemoryUniqueKeys keys = new InMemoryUniqueKeys();
    private final InMemoryCredentials credentials = new InMemoryCredentials();
    private final PasswordEncoder encoder = new BCryptPasswordEncoder(4);
    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerInjectableResource(keys);
        fixture.registerInjectableResource(credentials);
        fixture.registerInjectableResource(encoder);
    }

    private static RegisterUserCommand register(String id, String username, String email, String password, Role role) {
        return new RegisterUserCommand(id, username, email, password, role, PROFILE);
    }

    @Test
    void signing_up_registers_the_user_and_keeps_the_hash_out_of_the_event() {
        fixture.givenNoPriorActivity()
                .when(register(ALICE, "alice", "Alice@Example.com", "secret-password", Role.STUDENT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(ALICE_REGISTERED);
        assertThat(encoder.matches("secret-password", credentials.hashOf(ALICE).orElseThrow()))
                .isTrue();
        assertThat(keys.owners).containsEntry("username:alice", ALICE).containsEntry("email:alice@example.com", ALICE);
    }

    @Test
    void signing_up_as_an_instructor_is_allowed() {
        fixture.givenNoPriorActivity()
                .when(register(ALICE, "alice", "alice@example.com", "secret-password", Role.INSTRUCTOR))
                .expectEvents(new UserRegisteredEvent(ALICE, "alice", "alice@example.com", Role.INSTRUCTOR, PROFILE));
    }

    @Test
    void signing_up_as_admin_is_refused() {
        fixture.givenNoPriorActivity()
                .when(register(ALICE, "alice", "alice@example.com", "secret-password", Role.ADMIN))
                .expectException(DomainException.class)
                .expectException(code(ErrorCode.ROLE_NOT_SELF_ASSIGNABLE))
                .expectNoEvents();
        assertThat(keys.owners).isEmpty();
    }

    @Test
    void signing_up_as_auditor_is_refused() {
        fixture.givenNoPriorActivity()
                .when(register(ALICE, "alice", "alice@example.com", "secret-password", Role.AUDITOR))
                .expectException(code(ErrorCode.ROLE_NOT_SELF_ASSIGNABLE))
                .expectNoEvents();
    }

    @Test
    void a_password_of_seven_characters_is_refused() {
        fixture.givenNoPriorActivity()
                .when(register(ALICE, "alice", "alice@example.com", "1234567", Role.STUDENT))
                .expectException(code(ErrorCode.PASSWORD_TOO_WEAK))
                .expectNoEvents();
        assertThat(credentials.stored).isEmpty();
    }

    @Test
    void a_password_longer_than_bcrypt_reads_is_refused() {
        fixture.givenNoPriorActivity()
                .when(register(ALICE, "alice", "alice@example.com", "x".repeat(73), Role.STUDENT))
                .expectException(code(ErrorCode.PASSWORD_TOO_WEAK))
                .expectNoEvents();
    }

    @Test
    void a_taken_username_is_refused_whatever_its_case() {
        keys.claim(UniqueKeyRegistry.usernameKey("alice"), BOB);
        fixture.givenNoPriorActivity()
                .when(register(ALICE, "ALICE", "alice@example.com", "secret-password", Role.STUDENT))
                .expectException(code(ErrorCode.USERNAME_TAKEN))
                .expectNoEvents();
        assertThat(keys.owners).doesNotContainKey("email:alice@example.com");
    }

    @Test
    void a_taken_email_is_refused_ignoring_case_and_the_username_claim_is_given_back() {
        keys.claim(UniqueKeyRegistry.emailKey("alice@example.com"), BOB);
        fixture.givenNoPriorActivity()
                .when(register(ALICE, "alice", "  ALICE@example.COM ", "secret-password", Role.STUDENT))
                .expectException(code(ErrorCode.EMAIL_TAKEN))
                .expectNoEvents();
        assertThat(keys.owners).doesNotContainKey("username:alice");
    }

    @Test
    void the_bootstrap_admin_is_registered_as_admin() {
        fixture.givenNoPriorActivity()
                .when(new RegisterBootstrapAdminCommand(ADMIN, "admin", "admin@example.com", "admin-password"))
                .expectEvents(new UserRegisteredEvent(ADMIN, "admin", "admin@example.com", Role.ADMIN, Profile.EMPTY));
    }

    @Test
    void a_user_changes_their_own_profile_and_unchanged_fields_are_kept() {
        fixture.given(ALICE_REGISTERED)
                .when(new ChangeUserProfileCommand(ALICE, ALICE_ACTOR, null, "I learn", null, null))
                .expectEvents(new UserProfileChangedEvent(ALICE, new Profile("Alice A", "I learn", null)));
    }

    @Test
    void an_admin_changes_anyones_profile() {
        fixture.given(ALICE_REGISTERED)
                .when(new ChangeUserProfileCommand(ALICE, ADMIN_ACTOR, "Alice B", null, null, null))
                .expectEvents(new UserProfileChangedEvent(ALICE, new Profile("Alice B", null, null)));
    }

    @Test
    void another_user_cannot_change_a_profile() {
        fixture.given(ALICE_REGISTERED)
                .when(new ChangeUserProfileCommand(ALICE, BOB_ACTOR, "Mallory", null, null, null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void a_profile_change_that_changes_nothing_stores_nothing() {
        fixture.given(ALICE_REGISTERED)
                .when(new ChangeUserProfileCommand(ALICE, ALICE_ACTOR, "Alice A", null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_avatar_that_is_not_a_web_url_is_refused() {
        fixture.given(ALICE_REGISTERED)
                .when(new ChangeUserProfileCommand(ALICE, ALICE_ACTOR, null, null, "javascript:alert(1)", null))
                .expectException(code(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void a_user_changes_their_password_knowing_the_current_one() {
        credentials.store(ALICE, encoder.encode("secret-password"));
        fixture.given(ALICE_REGISTERED)
                .when(new ChangeUserPasswordCommand(ALICE, ALICE_ACTOR, "secret-password", "new-secret-password", null))
                .expectEvents(new UserPasswordChangedEvent(ALICE));
        assertThat(encoder.matches(
                        "new-secret-password", credentials.hashOf(ALICE).orElseThrow()))
                .isTrue();
    }

    @Test
    void a_wrong_current_password_is_refused_and_the_hash_stays() {
        String hash = encoder.encode("secret-password");
        credentials.store(ALICE, hash);
        fixture.given(ALICE_REGISTERED)
                .when(new ChangeUserPasswordCommand(ALICE, ALICE_ACTOR, "guess-password", "new-secret-password", null))
                .expectException(code(ErrorCode.WRONG_CURRENT_PASSWORD))
                .expectNoEvents();
        assertThat(credentials.hashOf(ALICE).orElseThrow()).isEqualTo(hash);
    }

    @Test
    void a_too_short_new_password_is_refused() {
        credentials.store(ALICE, encoder.encode("secret-password"));
        fixture.given(ALICE_REGISTERED)
                .when(new ChangeUserPasswordCommand(ALICE, ALICE_ACTOR, "secret-password", "short", null))
                .expectException(code(ErrorCode.PASSWORD_TOO_WEAK))
                .expectNoEvents();
    }

    @Test
    void even_an_admin_cannot_change_someone_elses_password() {
        credentials.store(ALICE, encoder.encode("secret-password"));
        fixture.given(ALICE_REGISTERED)
                .when(new ChangeUserPasswordCommand(ALICE, ADMIN_ACTOR, "secret-password", "new-secret-password", null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void an_admin_grants_the_auditor_role_which_ends_the_users_sessions() {
        credentials.store(ALICE, encoder.encode("secret-password"));
        long stamp = credentials.stampOf(ALICE);
        fixture.given(ALICE_REGISTERED)
                .when(new ChangeUserRoleCommand(ALICE, ADMIN_ACTOR, Role.AUDITOR, null))
                .expectEvents(new UserRoleChangedEvent(ALICE, Role.AUDITOR, Role.STUDENT));
        assertThat(credentials.stampOf(ALICE)).isGreaterThan(stamp);
    }

    @Test
    void a_new_password_ends_the_users_sessions() {
        credentials.store(ALICE, encoder.encode("secret-password"));
        long stamp = credentials.stampOf(ALICE);
        fixture.given(ALICE_REGISTERED)
                .when(new ChangeUserPasswordCommand(ALICE, ALICE_ACTOR, "secret-password", "new-secret-password", null))
                .expectEvents(new UserPasswordChangedEvent(ALICE));
        assertThat(credentials.stampOf(ALICE)).isGreaterThan(stamp);
    }

    @Test
    void a_non_admin_cannot_change_a_role() {
        fixture.given(ALICE_REGISTERED)
                .when(new ChangeUserRoleCommand(ALICE, ALICE_ACTOR, Role.ADMIN, null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void an_admin_cannot_change_their_own_role() {
        fixture.given(new UserRegisteredEvent(ADMIN, "admin", "admin@example.com", Role.ADMIN, Profile.EMPTY))
                .when(new ChangeUserRoleCommand(ADMIN, ADMIN_ACTOR, Role.STUDENT, null))
                .expectException(code(ErrorCode.OWN_ROLE_CHANGE))
                .expectNoEvents();
    }

    @Test
    void granting_the_role_a_user_has_stores_nothing() {
        fixture.given(ALICE_REGISTERED)
                .when(new ChangeUserRoleCommand(ALICE, ADMIN_ACTOR, Role.STUDENT, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    private static org.hamcrest.Matcher<Throwable> code(ErrorCode code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code() == code);
    }
}
