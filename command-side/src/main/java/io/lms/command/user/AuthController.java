package io.lms.command.user;

import io.lms.api.common.Role;
import io.lms.api.error.ErrorCode;
import io.lms.command.lookup.UniqueKeyRegistry;
import io.lms.platform.error.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Optional;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signs in with username or email and password. Unknown login and wrong password answer alike (and take alike
 * long: an unknown login is checked against a dummy hash); failures are throttled per login and per client.
 */
@RestController
class AuthController {

    private final UniqueKeyRegistry keys;
    private final CredentialStore credentials;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final TokenIssuer tokens;
    private final Repository<User> users;
    private final String dummyHash;

    AuthController(
            UniqueKeyRegistry keys,
            CredentialStore credentials,
            PasswordEncoder passwordEncoder,
            LoginThrottle throttle,
            TokenIssuer tokens,
            Repository<User> users) {
        this.keys = keys;
        this.credentials = credentials;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.tokens = tokens;
        this.users = users;
        this.dummyHash = passwordEncoder.encode("not-a-real-password-" + System.nanoTime());
    }

    @PostMapping("/api/auth/token")
    ResponseEntity<UserRequests.TokenResponse> token(
            @Valid @RequestBody UserRequests.Token body, HttpServletRequest request) {
        String client = request.getRemoteAddr();
        throttle.check(body.login(), client);
        Optional<String> userId = resolve(body.login());
        String hash = userId.flatMap(credentials::hashOf).orElse(dummyHash);
        boolean matches = passwordEncoder.matches(body.password(), hash);
        if (userId.isEmpty() || !matches) {
            throttle.recordFailure(body.login(), client);
            throw new DomainException(ErrorCode.BAD_CREDENTIALS, "Login or password is wrong");
        }
        throttle.recordSuccess(body.login());
        SignedInUser user = load(userId.get());
        TokenIssuer.Issued issued = tokens.issue(userId.get(), user.username(), user.role());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new UserRequests.TokenResponse(issued.token(), "Bearer", issued.expiresInSeconds()));
    }

    private Optional<String> resolve(String login) {
        String trimmed = login.trim();
        Optional<String> byUsername = keys.ownerOf(UniqueKeyRegistry.usernameKey(trimmed));
        return byUsername.isPresent() ? byUsername : keys.ownerOf(UniqueKeyRegistry.emailKey(trimmed));
    }

    private record SignedInUser(String username, Role role) {}

    /** The role comes from the User aggregate itself, the one source of truth on the command side. */
    private SignedInUser load(String userId) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        var result = unitOfWork.executeWithResult(() -> {
            Aggregate<User> user = users.load(userId);
            return user.invoke(u -> new SignedInUser(u.username(), u.role()));
        });
        if (result.isExceptional()) {
            throw new DomainException(ErrorCode.BAD_CREDENTIALS, "Login or password is wrong");
        }
        return result.getPayload();
    }
}
