package io.lms.system.reads;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ?min_version=N} holds a request thread only for a wait that can end well: a version the aggregate does not
 * have is refused at once, with 409 for a caller who may read the document and 404 for one who may not. (The waiting limit's 429 is pinned in ReadYourWritesTest;
 * here a wait that would have run to the end answers 503, which none of these may.)
 */
public abstract class ReadYourWritesContract {

    protected abstract MongoBackend backend();

    private Http http;
    private SignedIn teacher;

    @BeforeEach
    void connect() {
        http = SystemUnderTest.on(backend()).http;
        teacher = http.newUser("instructor");
    }

    private String draftCourse() {
        Response created = http.command("POST", "/api/courses")
                .token(teacher.token())
                .json(
                        """
                        {"title": "Waiting %s", "description": "A course to wait for", "category": "programming",
                         "tags": [], "level": "beginner", "requirements": [], "outcomes": [],
                         "price": {"amount": 10, "currency": "EUR"}}"""
                                .formatted(java.util.UUID.randomUUID()))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:lms:problem:" + type);
    }

    @Test
    void a_wait_for_a_course_the_caller_may_not_see_is_a_404_at_once_telling_nothing() {
        String draft = draftCourse();
        assertThat(http.query("/api/courses/" + draft + "?min_version=0")
                        .token(teacher.token())
                        .send()
                        .status())
                .isEqualTo(200);

        assertProblem(
                http.query("/api/courses/" + draft + "?min_version=999999").send(), 404, "not-found");
    }

    @Test
    void a_version_beyond_the_courses_last_event_is_a_409_naming_the_latest() {
        String draft = draftCourse();
        assertThat(http.query("/api/courses/" + draft + "?min_version=0")
                        .token(teacher.token())
                        .send()
                        .status())
                .isEqualTo(200);

        Response ahead = http.query("/api/courses/" + draft + "?min_version=999999")
                .token(teacher.token())
                .send();

        assertProblem(ahead, 409, "version-does-not-exist");
        assertThat(ahead.json().get("detail").asText()).endsWith("the latest is 0");
    }

    @Test
    void a_wait_for_an_aggregate_that_does_not_exist_is_a_404_at_once() {
        String nobody = "0123456789abcdef01234567";
        SignedIn student = http.newUser("student");

        assertProblem(http.query("/api/courses/" + nobody + "?min_version=1").send(), 404, "not-found");
        assertProblem(
                http.query("/api/users/" + nobody + "?min_version=1")
                        .token(student.token())
                        .send(),
                404,
                "not-found");
    }

    @Test
    void a_user_waits_for_no_version_beyond_their_own_last_event() {
        SignedIn student = http.newUser("student");

        Response ahead = http.query("/api/users/me?min_version=99")
                .token(student.token())
                .send();

        assertProblem(ahead, 409, "version-does-not-exist");
    }
}
