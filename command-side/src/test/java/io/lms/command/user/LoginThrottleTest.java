package io.lms.command.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lms.platform.error.RetryLaterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final String ALICE = LoginThrottle.account(Optional.of("6b06eb3caa76f936f62db6fc"), "alice");

    private final MutableClock clock = new MutableClock();
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(15), clock);

    @Test
    void an_account_is_throttled_after_repeated_failures_from_anywhere() {
        throttle.begin(ALICE, "10.0.0.1");
        throttle.begin(ALICE, "10.0.0.2");
        throttle.begin(ALICE, "10.0.0.3");

        assertThatThrownBy(() -> throttle.begin(ALICE, "10.0.0.4"))
                .isInstanceOfSatisfying(RetryLaterException.class, e -> assertThat(e.retryAfterSeconds())
                        .isBetween(1L, 900L));
        assertThatCode(() -> throttle.begin(LoginThrottle.account(Optional.empty(), "bob"), "10.0.0.4"))
                .doesNotThrowAnyException();
    }

    @Test
    void an_unknown_login_is_its_own_account_whatever_its_case() {
        for (String login : List.of("Nobody", "nobody", "NOBODY ")) {
            throttle.begin(LoginThrottle.account(Optional.empty(), login), "10.0.0.1");
        }
        assertThatThrownBy(() -> throttle.begin(LoginThrottle.account(Optional.empty(), "nobody"), "10.0.0.2"))
                .isInstanceOf(RetryLaterException.class);
    }

    @Test
    void a_client_is_throttled_after_failures_on_many_accounts() {
        for (int i = 0; i < 5; i++) {
            throttle.begin(LoginThrottle.account(Optional.empty(), "user" + i), "10.0.0.9");
        }
        assertThatThrownBy(() -> throttle.begin(ALICE, "10.0.0.9")).isInstanceOf(RetryLaterException.class);
    }

    @Test
    void the_throttle_lifts_when_the_window_has_passed() {
        for (int i = 0; i < 3; i++) {
            throttle.begin(ALICE, "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(16));
        assertThatCode(() -> throttle.begin(ALICE, "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void a_success_forgives_the_accounts_failures() {
        throttle.begin(ALICE, "10.0.0.1");
        throttle.begin(ALICE, "10.0.0.1");
        throttle.begin(ALICE, "10.0.0.1").succeeded();
        throttle.begin(ALICE, "10.0.0.1");
        throttle.begin(ALICE, "10.0.0.1");
        assertThatCode(() -> throttle.begin(ALICE, "10.0.0.2")).doesNotThrowAnyException();
    }

    @Test
    void a_withdrawn_attempt_does_not_count() {
        for (int i = 0; i < 10; i++) {
            throttle.begin(ALICE, "10.0.0.1").withdrawn();
        }
        assertThatCode(() -> throttle.begin(ALICE, "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void parallel_attempts_on_one_account_never_pass_the_limit() throws Exception {
        int threads = 16;
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> began = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String client = "10.0.1." + i;
                began.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        throttle.begin(ALICE, client);
                        return true;
                    } catch (RetryLaterException e) {
                        return false;
                    }
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            int passed = 0;
            for (Future<Boolean> f : began) {
                passed += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(passed).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
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
