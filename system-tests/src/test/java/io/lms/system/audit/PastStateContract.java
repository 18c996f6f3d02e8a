package io.lms.system.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An aggregate's past state through HTTP ({@code GET /api/audit/{aggregate_type}/{id}/state} on the command side):
 * a course before and after its rename, by version and by moment, the refusals, and no secret in a user's state.
 */
public abstract class PastStateContract {

    protected abstract MongoBackend backend();

    private Http http;
    private String auditorToken;

    @BeforeEach
    void connect() {
        http = SystemUnderTest.on(backend()).http;
        SignedIn user = http.newUser("student");
        Response granted = http.command("PUT", "/api/users/" + user.id() + "/role")
                .token(http.admin().token())
                .json(Map.of("role", "auditor"))
                .send();
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        auditorToken = http.signIn(user.username(), "password-of-" + user.username());
    }

    /** A course created as "Before ..." and renamed "After ...": versions 0 and 1. */
    private record RenamedCourse(String id, String before, String after) {}

    private RenamedCourse renamedCourse() throws InterruptedException {
        SignedIn instructor = http.newUser("instructor");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Before " + suffix);
        body.put("description", "A course that gets renamed");
        body.put("category", "programming");
        body.put("level", "beginner");
        body.put("price", Map.of("amount", 10, "currency", "EUR"));
        Response created = http.command("POST", "/api/courses")
                .token(instructor.token())
                .json(body)
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Thread.sleep(5); // the rename's timestamp is a later millisecond than the creation's
        Response renamed = http.command("PATCH", "/api/courses/" + id)
                .token(instructor.token())
                .json(Map.of("title", "After " + suffix))
                .send();
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        return new RenamedCourse(id, "Before " + suffix, "After " + suffix);
    }

    private Response state(String type, String id, String query) {
        return http.command("GET", "/api/audit/" + type + "/" + id + "/state?" + query)
                .token(auditorToken)
                .send();
    }

    private JsonNode ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** The timestamps of the aggregate's events, as the audit trail of the query side shows them. */
    private List<String> timestamps(String type, String id) {
        Response history = http.query("/api/audit/" + type + "/" + id + "/events")
                .token(auditorToken)
                .send();
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        return history.json().get("items").findValuesAsText("timestamp");
    }

    @Test
    void the_course_at_a_version_has_the_title_it_had_then() throws Exception {
        RenamedCourse course = renamedCourse();

        JsonNode v0 = ok(state("course", course.id(), "version=0"));
        JsonNode v1 = ok(state("course", course.id(), "version=1"));

        assertThat(v0.get("aggregate_type").asText()).isEqualTo("course");
        assertThat(v0.get("aggregate_id").asText()).isEqualTo(course.id());
        assertThat(v0.get("version").asLong()).isZero();
        assertThat(v0.get("state").get("title").asText()).isEqualTo(course.before());
        assertThat(v0.get("state").get("status").asText()).isEqualTo("draft");
        assertThat(v0.get("state").get("course_id").asText()).isEqualTo(course.id());
        assertThat(v1.get("version").asLong()).isEqualTo(1);
        assertThat(v1.get("state").get("title").asText()).isEqualTo(course.after());
    }

    @Test
    void the_course_at_a_moment_is_the_course_after_the_events_up_to_it() throws Exception {
        RenamedCourse course = renamedCourse();
        List<String> timestamps = timestamps("course", course.id());
        String created = timestamps.get(0);

        JsonNode atCreation = ok(state("course", course.id(), "at=" + created));
        JsonNode now = ok(state(
                "course", course.id(), "at=" + Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS)));
        Response before =
                state("course", course.id(), "at=" + Instant.parse(created).minusMillis(1));

        assertThat(atCreation.get("version").asLong()).isZero();
        assertThat(atCreation.get("as_of").asText()).isEqualTo(created);
        assertThat(atCreation.get("state").get("title").asText()).isEqualTo(course.before());
        assertThat(now.get("version").asLong()).isEqualTo(1);
        assertThat(now.get("as_of").asText()).isEqualTo(timestamps.get(1));
        assertThat(now.get("state").get("title").asText()).isEqualTo(course.after());
        assertThat(before.status()).as("before its first event: " + before).isEqualTo(404);
        assertThat(before.contentType()).startsWith("application/problem+json");
    }

    @Test
    void bad_requests_are_refused_and_missing_states_are_not_found() throws Exception {
        RenamedCourse course = renamedCourse();
        SignedIn student = http.newUser("student");

        for (String query : List.of(
                "", "version=0&at=2026-01-01T00:00:00Z", "at=yesterday", "version=abc", "version=-1", "version=1.5")) {
            Response r = state("course", course.id(), query);
            assertThat(r.status()).as(query + " → " + r).isEqualTo(400);
            assertThat(r.contentType()).as(query).startsWith("application/problem+json");
        }
        assertThat(state("invoice", course.id(), "version=0").status()).isEqualTo(400);
        assertThat(state("course", "not-an-id", "version=0").status()).isEqualTo(400);
        for (Response missing : List.of(
                state("course", course.id(), "version=2"),
                state("course", "0123456789abcdef01234567", "version=0"),
                state("user", course.id(), "version=0"),
                state("course", student.id(), "version=0"))) {
            assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
            assertThat(missing.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void only_auditors_and_admins_read_a_past_state() throws Exception {
        RenamedCourse course = renamedCourse();
        SignedIn student = http.newUser("student");
        String path = "/api/audit/course/" + course.id() + "/state?version=0";

        assertThat(http.command("GET", path).send().status()).isEqualTo(401);
        assertThat(http.command("GET", path).token(student.token()).send().status())
                .isEqualTo(403);
        assertThat(http.command("GET", path).token(http.admin().token()).send().status())
                .isEqualTo(200);
    }

    @Test
    void a_users_state_holds_the_profile_and_role_of_then_and_no_password() {
        SignedIn alice = http.newUser("student");
        Response profile = http.command("PATCH", "/api/users/" + alice.id() + "/profile")
                .token(alice.token())
                .json(Map.of("full_name", "Alice Then"))
                .send();
        assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
        Response password = http.command("PUT", "/api/users/" + alice.id() + "/password")
                .token(alice.token())
                .json(Map.of("current_password", "password-of-" + alice.username(), "new_password", "a-secret-pass-77"))
                .send();
        assertThat(password.status()).as(password.toString()).isEqualTo(200);

        Response latest = state("user", alice.id(), "version=2");
        JsonNode state = ok(latest).get("state");

        assertThat(state.get("username").asText()).isEqualTo(alice.username());
        assertThat(state.get("role").asText()).isEqualTo("student");
        assertThat(state.get("profile").get("full_name").asText()).isEqualTo("Alice Then");
        assertThat(latest.body())
                .doesNotContain("a-secret-pass-77")
                .doesNotContain("password-of-")
                .doesNotContainIgnoringCase("hash")
                .doesNotContain("$2a$");
    }
}
