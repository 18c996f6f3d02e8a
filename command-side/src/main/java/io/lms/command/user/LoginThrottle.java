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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Throttles failed sign-ins per login and per client address over a sliding window. Kept in this node's
 * memory: with several command-side nodes behind a balancer, each node throttles on its own (see README).
 */
@Component
public class LoginThrottle {

    private static final int MAX_TRACKED = 100_000;

    private final int maxPerLogin;
    private final int maxPerClient;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    @Autowired
    public LoginThrottle(
            @Value("${lms.auth.throttle.max-failures-per-login:5}") int maxPerLogin,
            @Value("${lms.auth.throttle.max-failures-per-client:20}") int maxPerClient,
            @Value("${lms.auth.throttle.window:PT15M}") Duration window) {
        this(maxPerLogin, maxPerClient, window, Clock.systemUTC());
    }

    LoginThrottle(int maxPerLogin, int maxPerClient, Duration window, Clock clock) {
        this.maxPerLogin = maxPerLogin;
        this.maxPerClient = maxPerClient;
        this.window = window;
        this.clock = clock;
    }

    /** Refuses with 429 and {@code Retry-After} while the login or the client has too many recent failures. */
    public synchronized void check(String login, String client) {
        long wait = Math.max(waitSeconds(loginKey(login), maxPerLogin), waitSeconds(clientKey(client), maxPerClient));
        if (wait > 0) {
            throw new RetryLaterException(
                    ErrorCode.TOO_MANY_ATTEMPTS, "Too many failed sign-ins; try again in " + wait + " s", wait);
        }
    }

    public synchronized void recordFailure(String login, String client) {
        if (failures.size() > MAX_TRACKED) {
            prune();
        }
        Instant now = clock.instant();
        record(loginKey(login), now, maxPerLogin);
        record(clientKey(client), now, maxPerClient);
    }

    public synchronized void recordSuccess(String login) {
        failures.remove(loginKey(login));
    }

    private void record(String key, Instant now, int max) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        times.addLast(now);
        while (times.size() > max) {
            times.removeFirst();
        }
    }

    /** How long until the oldest of the last {@code max} failures leaves the window; 0 when under the limit. */
    private long waitSeconds(String key, int max) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        Instant now = clock.instant();
        Instant cutoff = now.minus(window);
        times.removeIf(t -> t.isBefore(cutoff));
        if (times.size() < max) {
            return 0;
        }
        long millis = Duration.between(now, times.peekFirst().plus(window)).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private void prune() {
        Instant cutoff = clock.instant().minus(window);
        failures.values().forEach(times -> times.removeIf(t -> t.isBefore(cutoff)));
        failures.values().removeIf(Deque::isEmpty);
    }

    private static String loginKey(String login) {
        return "login:" + login.trim().toLowerCase(Locale.ROOT);
    }

    private static String clientKey(String client) {
        return "client:" + client;
    }
}
