package io.lms.system.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The projections' state for admins through HTTP, and the same figures as Prometheus metrics. */
public abstract class ProjectionAdminContract {

    protected abstract MongoBackend backend();

    private Http http;

    @BeforeEach
    void connect() {
        http = SystemUnderTest.on(backend()).http;
    }

    private Map<String, JsonNode> projections(String token) {
        Response r = http.query("/api/admin/projections").token(token).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Map<String, JsonNode> byName = new HashMap<>();
        r.json().forEach(p -> byName.put(p.get("name").asText(), p));
        return byName;
    }

    @Test
    void every_projection_reports_its_position_the_head_and_no_lag_once_caught_up() {
        SignedIn admin = http.admin();
        http.newUser("student"); // waits until the users projection has it

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, JsonNode> byName = projections(admin.token());
            assertThat(byName).containsKeys("users", "courses");
            JsonNode users = byName.get("users");
            assertThat(users.get("status").asText()).isEqualTo("running");
            assertThat(users.get("head").asLong()).isPositive();
            assertThat(users.get("position").asLong())
                    .isPositive()
                    .isLessThanOrEqualTo(users.get("head").asLong());
            assertThat(users.get("lag_events").asLong()).isZero();
            assertThat(users.get("lag_seconds").asDouble()).isZero();
            assertThat(users.get("segments_here").asInt()).isPositive();
        });
    }

    @Test
    void one_projection_is_served_by_name_and_an_unknown_name_is_not_found() {
        SignedIn admin = http.admin();

        Response users =
                http.query("/api/admin/projections/users").token(admin.token()).send();
        Response unknown =
                http.query("/api/admin/projections/nope").token(admin.token()).send();

        assertThat(users.status()).as(users.toString()).isEqualTo(200);
        assertThat(users.json().get("name").asText()).isEqualTo("users");
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void only_admins_see_the_projections() {
        SignedIn student = http.newUser("student");

        assertThat(http.query("/api/admin/projections").send().status()).isEqualTo(401);
        assertThat(http.query("/api/admin/projections")
                        .token(student.token())
                        .send()
                        .status())
                .isEqualTo(403);
    }

    @Test
    void the_projection_figures_are_prometheus_metrics_tagged_by_processor() {
        Response metrics = http.query("/actuator/prometheus").send();

        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("lms_projection_lag_events{processor=\"users\"}")
                .contains("lms_projection_lag_seconds{processor=\"courses\"}")
                .contains("lms_projection_position{processor=\"users\"}")
                .contains("lms_projection_replay_progress{processor=\"users\"}");
    }
}
