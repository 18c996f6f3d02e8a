package io.lms.system.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conventions of api.md for bad input: every refusal is a problem detail with the right status, never a 500 and
 * never a stack trace, and it stores nothing.
 */
public abstract class BadInputContract {

    protected abstract MongoBackend backend();

    private SystemUnderTest system;
    private Http http;
    private MongoDatabase database;
    private SignedIn alice;

    @BeforeEach
    void connect() {
        system = SystemUnderTest.on(backend());
        http = system.http;
        database = system.database();
        alice = http.newUser("student");
        // let the users projection settle, so that document counts only change by what a test does
        assertThat(http.query("/api/users/me?min_version=0")
                        .token(alice.token())
                        .send()
                        .status())
                .isEqualTo(200);
    }

    private Map<String, Long> storedDocuments() {
        return system.commandSideState();
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.json().get("type").asText()).startsWith("urn:lms:problem:");
        assertThat(response.json().get("title").asText()).isNotBlank();
        assertThat(response.json().has("detail")).isTrue();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void malformed_json_is_a_400() {
        Map<String, Long> before = storedDocuments();
        assertProblem(
                http.command("POST", "/api/users")
                        .raw("{\"username\": ", "application/json")
                        .send(),
                400);
        assertThat(storedDocuments()).isEqualTo(before);
    }

    @Test
    void a_key_given_twice_is_a_400_naming_it_and_stores_nothing() {
        SignedIn teacher = http.newUser("instructor");
        Map<String, Long> before = storedDocuments();
        Response r = http.command("POST", "/api/courses")
                .token(teacher.token())
                .json(
                        """
                        {"title": "a", "title": "b", "description": "d", "category": "c", "tags": [],
                         "level": "beginner", "requirements": [], "outcomes": [],
                         "price": {"amount": 1, "currency": "EUR"}}""")
                .send();
        assertProblem(r, 400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("title");
        assertProblem(
                http.command("PATCH", "/api/users/" + alice.id() + "/profile")
                        .token(alice.token())
                        .json("""
                                {"bio": "one", "bio": "two"}""")
                        .send(),
                400);
        assertThat(storedDocuments()).isEqualTo(before);
    }

    @Test
    void the_query_side_reads_json_with_the_same_duplicate_key_rule() {
        var mapper = system.querySide().getBean(com.fasterxml.jackson.databind.ObjectMapper.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> mapper.readTree("{\"title\": \"a\", \"title\": \"b\"}"))
                .hasMessageContaining("Duplicate field 'title'");
    }

    @Test
    void an_unknown_field_is_a_400_naming_it() {
        Map<String, Long> before = storedDocuments();
        Response r = http.command("POST", "/api/users")
                .json(Map.of(
                        "username",
                        "zed1",
                        "email",
                        "zed1@example.com",
                        "password",
                        "secret-password",
                        "is_admin",
                        true))
                .send();
        assertProblem(r, 400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("is_admin");
        assertThat(storedDocuments()).isEqualTo(before);
    }

    @Test
    void an_invalid_field_is_a_400_with_field_errors() {
        Map<String, Long> before = storedDocuments();
        Response r = http.command("POST", "/api/users")
                .json(Map.of("username", "x", "email", "not-an-email", "password", "secret-password"))
                .send();
        assertProblem(r, 400);
        assertThat(r.json().get("errors").findValuesAsText("field")).contains("email", "username");
        assertThat(storedDocuments()).isEqualTo(before);
    }

    @Test
    void a_value_of_the_wrong_type_is_a_400() {
        Response r = http.command("POST", "/api/users")
                .json(Map.of("username", "zed2", "email", "zed2@example.com", "password", 12345678))
                .send();
        assertProblem(r, 400);
        Response role = http.command("POST", "/api/users")
                .json(Map.of(
                        "username",
                        "zed3",
                        "email",
                        "zed3@example.com",
                        "password",
                        "secret-password",
                        "role",
                        "wizard"))
                .send();
        assertProblem(role, 400);
    }

    @Test
    void an_id_that_is_not_an_object_id_is_a_400_on_both_sides() {
        assertProblem(
                http.command("PATCH", "/api/users/not-an-id/profile")
                        .token(alice.token())
                        .json(Map.of("bio", "x"))
                        .send(),
                400);
        assertProblem(http.query("/api/users/12345").token(alice.token()).send(), 400);
    }

    @Test
    void no_token_or_a_forged_one_is_a_401() {
        Response none = http.command("PATCH", "/api/users/" + alice.id() + "/profile")
                .json(Map.of("bio", "x"))
                .send();
        assertProblem(none, 401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        String forged = alice.token().substring(0, alice.token().lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        assertProblem(http.query("/api/users/me").token(forged).send(), 401);
        assertProblem(http.query("/api/users/me").token("garbage").send(), 401);
    }

    @Test
    void changing_someone_elses_profile_is_a_403_and_changes_nothing() {
        SignedIn bob = http.newUser("student");
        Map<String, Long> before = storedDocuments();
        assertProblem(
                http.command("PATCH", "/api/users/" + alice.id() + "/profile")
                        .token(bob.token())
                        .json(Map.of("bio", "hacked"))
                        .send(),
                403);
        assertThat(storedDocuments()).isEqualTo(before);
    }

    @Test
    void an_unknown_user_is_a_404_on_both_sides() {
        String nobody = "0123456789abcdef01234567";
        assertProblem(
                http.command("PATCH", "/api/users/" + nobody + "/profile")
                        .token(alice.token())
                        .json(Map.of("bio", "x"))
                        .send(),
                404);
        assertProblem(http.query("/api/users/" + nobody).token(alice.token()).send(), 404);
        assertProblem(http.query("/api/no-such-thing").token(alice.token()).send(), 404);
    }

    @Test
    void a_taken_username_is_a_409() {
        Response r = http.register(
                alice.username().toUpperCase(), "other-" + alice.username() + "@example.com", "secret-password", null);
        assertProblem(r, 409);
        assertThat(r.json().get("type").asText()).isEqualTo("urn:lms:problem:username-taken");
    }

    @Test
    void a_body_over_one_mebibyte_is_a_413_and_stores_nothing() {
        Map<String, Long> before = storedDocuments();
        String huge =
                "{\"username\":\"big\",\"email\":\"big@example.com\",\"password\":\"secret-password\",\"profile\":{\"bio\":\""
                        + "x".repeat(1024 * 1024) + "\"}}";
        assertProblem(
                http.command("POST", "/api/users").raw(huge, "application/json").send(), 413);
        assertThat(storedDocuments()).isEqualTo(before);
    }

    @Test
    void a_body_that_is_not_json_is_a_415() {
        assertProblem(
                http.command("POST", "/api/users")
                        .raw("username=zed", "text/plain")
                        .send(),
                415);
    }

    @Test
    void a_malformed_if_match_is_a_400() {
        assertProblem(
                http.command("PATCH", "/api/users/" + alice.id() + "/profile")
                        .token(alice.token())
                        .header("If-Match", "version-three")
                        .json(Map.of("bio", "x"))
                        .send(),
                400);
    }

    @Test
    void bad_paging_is_a_400() {
        String admin = http.admin().token();
        assertProblem(http.query("/api/users?size=101").token(admin).send(), 400);
        assertProblem(http.query("/api/users?page=-1").token(admin).send(), 400);
        assertProblem(http.query("/api/users?page=abc").token(admin).send(), 400);
        assertProblem(http.query("/api/users?role=wizard").token(admin).send(), 400);
        // a page far beyond the end is not an error, and must not overflow into one
        Response beyond = http.query("/api/users?page=" + Integer.MAX_VALUE + "&size=100")
                .token(admin)
                .send();
        assertThat(beyond.status()).as(beyond.toString()).isEqualTo(200);
        assertThat(beyond.json().get("items").size()).isZero();
        assertProblem(http.query("/api/users/me?min_version=-1").token(admin).send(), 400);
    }

    @Test
    void a_url_that_tomcat_refuses_is_a_400_problem_too() throws Exception {
        java.net.URL url = new java.net.URL(http.queryUrl + "/api/courses?instructor_id=<id>");
        try (java.net.Socket socket = new java.net.Socket(url.getHost(), url.getPort())) {
            socket.getOutputStream()
                    .write(
                            ("GET /api/courses?instructor_id=<id> HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400");
            assertThat(answer).contains("Content-Type: application/problem+json");
            assertThat(answer).contains("\"status\":400").doesNotContain("<html");
        }
    }

    @Test
    void a_wrong_method_is_a_405_problem() {
        assertProblem(
                http.command("DELETE", "/api/auth/token").token(alice.token()).send(), 405);
    }

    @Test
    void a_stored_document_count_check_sees_changes() {
        Map<String, Long> before = storedDocuments();
        http.newUser("student");
        assertThat(storedDocuments()).isNotEqualTo(before);
        assertThat(database.getCollection("unique_keys")
                        .find(new Document("owner", alice.id()))
                        .into(new java.util.ArrayList<>()))
                .hasSize(2);
    }
}
