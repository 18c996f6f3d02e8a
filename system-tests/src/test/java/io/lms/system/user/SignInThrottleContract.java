package io.lms.system.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every password check has one budget per account (5 failures in 15 minutes), whichever login names the account
 * and whichever endpoint checks it; parallel attempts do not get past it.
 */
public abstract class SignInThrottleContract {

    protected abstract MongoBackend backend();

    private Http http;

    @BeforeEach
    void connect() {
        http = SystemUnderTest.on(backend()).http;
    }

    private Response signIn(String login, String password) {
        return http.command("POST", "/api/auth/token")
                .json(Map.of("login", login, "password", password))
                .send();
    }

    private static String passwordOf(SignedIn user) {
        return "password-of-" + user.username();
    }

    private static void assertThrottled(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
    }

    @Test
    void parallel_wrong_passwords_for_one_account_get_at_most_five_checks() throws Exception {
        SignedIn alice = http.newUser("student");
        int attempts = 12;
        CountDownLatch ready = new CountDownLatch(attempts);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        List<Response> responses = new ArrayList<>();
        try {
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                sent.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return signIn(alice.username(), "wrong-password");
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            for (Future<Response> f : sent) {
                responses.add(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(responses).filteredOn(r -> r.status() == 401).hasSize(5);
        assertThat(responses).filteredOn(r -> r.status() == 429).hasSize(attempts - 5);
        assertThrottled(signIn(alice.username(), passwordOf(alice)));
    }

    @Test
    void the_username_and_the_email_of_one_account_share_its_budget() {
        SignedIn alice = http.newUser("student");
        for (int i = 0; i < 3; i++) {
            assertThat(signIn(alice.username(), "wrong-password").status()).isEqualTo(401);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(signIn(alice.username().toUpperCase() + "@EXAMPLE.com", "wrong-password")
                            .status())
                    .isEqualTo(401);
        }

        assertThrottled(signIn(alice.username() + "@example.com", passwordOf(alice)));
        assertThrottled(signIn(alice.username(), passwordOf(alice)));
    }

    @Test
    void the_current_password_of_a_password_change_is_throttled_with_the_sign_ins() {
        SignedIn alice = http.newUser("student");
        String path = "/api/users/" + alice.id() + "/password";
        for (int i = 0; i < 4; i++) {
            Response wrong = http.command("PUT", path)
                    .token(alice.token())
                    .json(Map.of("current_password", "guess-number-" + i, "new_password", "brand-new-password"))
                    .send();
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
        }
        assertThat(signIn(alice.username(), "wrong-password").status()).isEqualTo(401);

        assertThrottled(http.command("PUT", path)
                .token(alice.token())
                .json(Map.of("current_password", passwordOf(alice), "new_password", "brand-new-password"))
                .send());
        assertThrottled(signIn(alice.username(), passwordOf(alice)));
    }

    @Test
    void a_refused_password_change_that_judged_no_password_costs_nothing() {
        SignedIn alice = http.newUser("student");
        SignedIn bob = http.newUser("student");
        for (int i = 0; i < 6; i++) {
            Response foreign = http.command("PUT", "/api/users/" + alice.id() + "/password")
                    .token(bob.token())
                    .json(Map.of("current_password", "guess-number-" + i, "new_password", "brand-new-password"))
                    .send();
            assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
        }

        assertThat(signIn(alice.username(), passwordOf(alice)).status()).isEqualTo(200);
    }
}
