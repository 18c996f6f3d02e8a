package io.lms.command.user;

import io.lms.api.common.Role;
import io.lms.api.error.ErrorCode;
import io.lms.command.user.RefreshTokenStore.Purpose;
import io.lms.platform.error.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A session is what a sign-in starts: a short-lived access token, and a refresh token that gets the next pair.
 * Each refresh token works once (a refresh rotates it); one shown again after it was rotated means that it was
 * copied, by the client or by a thief, and ends every session of the user. One shown again after a sign-out is
 * only refused: its session has ended already. A session refreshes only while the user's security stamp is the one it started with
 * (see {@link CredentialStore}), so a new password, a new role or a replayed token ends it at the next refresh, and
 * its last access token expires within its lifetime. The stamp is read before the role, so that a pair never carries
 * a role older than its stamp.
 */
@Component
public class Sessions {

    private final TokenIssuer accessTokens;
    private final RefreshTokenStore refreshTokens;
    private final CredentialStore credentials;
    private final Repository<User> users;
    private final Duration refreshTtl;
    private final Clock clock = Clock.systemUTC();

    public Sessions(
            TokenIssuer accessTokens,
            RefreshTokenStore refreshTokens,
            CredentialStore credentials,
            Repository<User> users,
            @Value("${lms.auth.refresh-token.ttl:P14D}") Duration refreshTtl) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.credentials = credentials;
        this.users = users;
        this.refreshTtl = refreshTtl;
    }

    public record Pair(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn) {}

    /** Starts a session after a password check that read {@code securityStamp} with the hash. */
    public Pair start(String userId, long securityStamp) {
        refreshTokens.removeExpired(userId, clock.instant());
        return pair(userId, securityStamp)
                .orElseThrow(() -> new DomainException(ErrorCode.BAD_CREDENTIALS, "Login or password is wrong"));
    }

    /** Uses {@code refreshToken} up for a new pair; 401 when it is unknown, used, expired or its session ended. */
    public Pair refresh(String refreshToken) {
        Instant now = clock.instant();
        RefreshTokenStore.Use use =
                refreshTokens.use(refreshToken, Purpose.REFRESH, now).orElseThrow(Sessions::invalid);
        if (use.usedBefore().isPresent()) {
            endSessionsOnReplay(use);
            throw invalid();
        }
        long current = credentials
                .find(use.userId())
                .map(CredentialStore.Credentials::securityStamp)
                .orElseThrow(Sessions::invalid);
        if (!use.expiresAt().isAfter(now) || current != use.securityStamp()) {
            throw invalid();
        }
        return pair(use.userId(), use.securityStamp()).orElseThrow(Sessions::invalid);
    }

    /** Signs out: the token is used up without a successor. A token rotated before ends every session, as in a refresh. */
    public void end(String refreshToken) {
        refreshTokens.use(refreshToken, Purpose.LOGOUT, clock.instant()).ifPresent(this::endSessionsOnReplay);
    }

    private void endSessionsOnReplay(RefreshTokenStore.Use use) {
        if (use.usedBefore().equals(Optional.of(Purpose.REFRESH))) {
            credentials.endSessions(use.userId());
        }
    }

    private Optional<Pair> pair(String userId, long securityStamp) {
        return load(userId).map(user -> {
            TokenIssuer.Issued access = accessTokens.issue(userId, user.username(), user.role());
            Instant now = clock.instant();
            String refresh = refreshTokens.create(userId, securityStamp, now, now.plus(refreshTtl));
            return new Pair(access.token(), access.expiresInSeconds(), refresh, refreshTtl.toSeconds());
        });
    }

    private record SignedInUser(String username, Role role) {}

    /** The role comes from the User aggregate itself, the one source of truth on the command side. */
    private Optional<SignedInUser> load(String userId) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        var result = unitOfWork.executeWithResult(() -> {
            Aggregate<User> user = users.load(userId);
            return user.invoke(u -> new SignedInUser(u.username(), u.role()));
        });
        return result.isExceptional() ? Optional.empty() : Optional.of(result.getPayload());
    }

    private static DomainException invalid() {
        return new DomainException(
                ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is not valid any more; sign in again");
    }
}
