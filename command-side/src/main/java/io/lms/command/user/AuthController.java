package io.lms.command.user;

import io.lms.api.error.ErrorCode;
import io.lms.command.lookup.UniqueKeyRegistry;
import io.lms.platform.error.DomainException;
import io.lms.platform.openapi.Access;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signs in with username or email and password, refreshes and signs out. Unknown login and wrong password answer
 * alike (and take alike long: an unknown login is checked against a dummy hash); attempts are throttled per account
 * and per client.
 */
@RestController
class AuthController {

    private final UniqueKeyRegistry keys;
    private final CredentialStore credentials;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final Sessions sessions;
    private final String dummyHash;

    AuthController(
            UniqueKeyRegistry keys,
            CredentialStore credentials,
            PasswordEncoder passwordEncoder,
            LoginThrottle throttle,
            Sessions sessions) {
        this.keys = keys;
        this.credentials = credentials;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.sessions = sessions;
        this.dummyHash = passwordEncoder.encode("not-a-real-password-" + System.nanoTime());
    }

    @Access(value = Access.ANYONE, alsoAnswers = 429)
    @PostMapping("/api/auth/token")
    ResponseEntity<UserRequests.TokenResponse> token(
            @Valid @RequestBody UserRequests.Token body, HttpServletRequest request) {
        Optional<String> userId = resolve(body.login());
        LoginThrottle.Attempt attempt =
                throttle.begin(LoginThrottle.account(userId, body.login()), request.getRemoteAddr());
        // the hash and the security stamp come from one read: a session started with an old password has the old stamp
        Optional<CredentialStore.Credentials> stored = userId.flatMap(credentials::find);
        String hash = stored.map(CredentialStore.Credentials::passwordHash).orElse(dummyHash);
        boolean matches = passwordEncoder.matches(body.password(), hash);
        if (stored.isEmpty() || !matches) {
            throw new DomainException(ErrorCode.BAD_CREDENTIALS, "Login or password is wrong");
        }
        attempt.succeeded();
        return answer(sessions.start(userId.get(), stored.get().securityStamp()));
    }

    @Access(Access.ANYONE)
    @PostMapping("/api/auth/refresh")
    ResponseEntity<UserRequests.TokenResponse> refresh(@Valid @RequestBody UserRequests.RefreshToken body) {
        return answer(sessions.refresh(body.refreshToken()));
    }

    /** Answers 204 for any token, known or not, so that signing out tells nothing about a token. */
    @Access(Access.ANYONE)
    @ApiResponse(responseCode = "204", description = "signed out, or the token was not a live one")
    @PostMapping("/api/auth/logout")
    ResponseEntity<Void> logout(@Valid @RequestBody UserRequests.RefreshToken body) {
        sessions.end(body.refreshToken());
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<UserRequests.TokenResponse> answer(Sessions.Pair pair) {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new UserRequests.TokenResponse(
                        pair.accessToken(), "Bearer", pair.expiresIn(), pair.refreshToken(), pair.refreshExpiresIn()));
    }

    private Optional<String> resolve(String login) {
        String trimmed = login.trim();
        Optional<String> byUsername = keys.ownerOf(UniqueKeyRegistry.usernameKey(trimmed));
        return byUsername.isPresent() ? byUsername : keys.ownerOf(UniqueKeyRegistry.emailKey(trimmed));
    }
}
