package io.lms.command.user;

import io.lms.api.error.ErrorCode;
import io.lms.platform.error.RetryLaterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Throttles password checks per account and per client address over a sliding window: sign-ins and the current
 * password of a password change alike. An attempt counts as a failure from the moment it {@link #begin begins}, in
 * the same step that checks the budgets, so parallel attempts cannot pass the limit; a success takes it back.
 * Kept in this node's memory: with several command-side nodes behind a balancer, each throttles on its own.
 */
@Component
public class LoginThrottle {

    private static final int MAX_TRACKED = 100_000;

    private final int maxPerAccount;
    private final int maxPerClient;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Attempt>> failures = new HashMap<>();

    @Autowired
    public LoginThrottle(
            @Value("${lms.auth.throttle.max-failures-per-login:5}") int maxPerAccount,
            @Value("${lms.auth.throttle.max-failures-per-client:20}") int maxPerClient,
            @Value("${lms.auth.throttle.window:PT15M}") Duration window) {
        this(maxPerAccount, maxPerClient, window, Clock.systemUTC());
    }

    LoginThrottle(int maxPerAccount, int maxPerClient, Duration window, Clock clock) {
        this.maxPerAccount = maxPerAccount;
        this.maxPerClient = maxPerClient;
        this.window = window;
        this.clock = clock;
    }

    /** The account a login names: its user id when it names one, else the login itself, normalised. */
    public static String account(Optional<String> userId, String login) {
        return userId.map(id -> "user:" + id)
                .orElseGet(() -> "login:" + login.trim().toLowerCase(Locale.ROOT));
    }

    /** One password check, counted as a failure until it {@link #succeeded() succeeds} or is {@link #withdrawn()}. */
    public final class Attempt {
        private final String account;
        private final String client;
        private final Instant at;

        private Attempt(String account, String client, Instant at) {
            this.account = account;
            this.client = client;
            this.at = at;
        }

        /** The password was right: the account's failures are forgiven, and this attempt no longer counts. */
        public void succeeded() {
            synchronized (LoginThrottle.this) {
                failures.remove(account);
                forget(client, this);
            }
        }

        /** No password was judged (the request was refused for another reason): this attempt does not count. */
        public void withdrawn() {
            synchronized (LoginThrottle.this) {
                forget(account, this);
                forget(client, this);
            }
        }
    }

    /**
     * Starts a password check for {@code account} (see {@link #account}) from {@code client}, counted as a failure;
     * refuses with 429 and {@code Retry-After} while either has its budget used up.
     */
    public synchronized Attempt begin(String account, String client) {
        String clientKey = "client:" + client;
        long wait = Math.max(waitSeconds(account, maxPerAccount), waitSeconds(clientKey, maxPerClient));
        if (wait > 0) {
            throw new RetryLaterException(
                    ErrorCode.TOO_MANY_ATTEMPTS, "Too many failed password checks; try again in " + wait + " s", wait);
        }
        if (failures.size() > MAX_TRACKED) {
            prune();
        }
        Attempt attempt = new Attempt(account, clientKey, clock.instant());
        failures.computeIfAbsent(account, k -> new ArrayDeque<>()).addLast(attempt);
        failures.computeIfAbsent(clientKey, k -> new ArrayDeque<>()).addLast(attempt);
        return attempt;
    }

    private void forget(String key, Attempt attempt) {
        Deque<Attempt> attempts = failures.get(key);
        if (attempts != null) {
            attempts.removeIf(a -> a == attempt);
            if (attempts.isEmpty()) {
                failures.remove(key);
            }
        }
    }

    /** How long until the oldest counted failure leaves the window; 0 when under the limit. */
    private long waitSeconds(String key, int max) {
        Deque<Attempt> attempts = failures.get(key);
        if (attempts == null) {
            return 0;
        }
        Instant now = clock.instant();
        Instant cutoff = now.minus(window);
        attempts.removeIf(a -> a.at.isBefore(cutoff));
        if (attempts.size() < max) {
            return 0;
        }
        // begin() adds only below the limit, so the oldest counted failure is the first
        Instant lifted = attempts.peekFirst().at.plus(window);
        long millis = Duration.between(now, lifted).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private void prune() {
        Instant cutoff = clock.instant().minus(window);
        failures.values().forEach(attempts -> attempts.removeIf(a -> a.at.isBefore(cutoff)));
        failures.values().removeIf(Deque::isEmpty);
    }
}
