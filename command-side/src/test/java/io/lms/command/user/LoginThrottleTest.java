package io.lms.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lms.platform.error.RetryLaterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(15), clock);

    @Test
    void a_login_is_throttled_after_repeated_failures_from_anywhere() {
        throttle.recordFailure("Alice", "10.0.0.1");
        throttle.recordFailure("alice", "10.0.0.2");
        throttle.recordFailure("ALICE ", "10.0.0.3");

        assertThatThrownBy(() -> throttle.check("alice", "10.0.0.4"))
                .isInstanceOfSatisfying(RetryLaterException.class, e -> assertThat(e.retryAfterSeconds())
                        .isBetween(1L, 900L));
        assertThatCode(() -> throttle.check("bob", "10.0.0.4")).doesNotThrowAnyException();
    }

    @Test
    void a_client_is_throttled_after_failures_on_many_logins() {
        for (int i = 0; i < 5; i++) {
            throttle.recordFailure("user" + i, "10.0.0.9");
        }
        assertThatThrownBy(() -> throttle.check("someone-else", "10.0.0.9")).isInstanceOf(RetryLaterException.class);
    }

    @Test
    void the_throttle_lifts_when_the_window_has_passed() {
        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("alice", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(16));
        assertThatCode(() -> throttle.check("alice", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void a_successful_sign_in_clears_the_login_failures() {
        throttle.recordFailure("alice", "10.0.0.1");
        throttle.recordFailure("alice", "10.0.0.1");
        throttle.recordSuccess("alice");
        throttle.recordFailure("alice", "10.0.0.1");
        assertThatCode(() -> throttle.check("alice", "10.0.0.2")).doesNotThrowAnyException();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-25T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
