package io.lms.system.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit trail through HTTP: the global stream with its filters and cursor, one aggregate's history, the NDJSON
 * export, who may read them, and that no password or hash is in any of it.
 */
public abstract class AuditTrailContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    protected abstract MongoBackend backend();

    private Http http;
    private String auditorToken;

    @BeforeEach
    void connect() {
        http = SystemUnderTest.on(backend()).http;
        auditorToken = newAuditor();
    }

    private String newAuditor() {
        SignedIn user = http.newUser("student");
        Response granted = http.command("PUT", "/api/users/" + user.id() + "/role")
                .token(http.admin().token())
                .json(Map.of("role", "auditor"))
                .send();
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        return http.signIn(user.username(), "password-of-" + user.username());
    }

    /** A user with a history of three events: registered, profile changed, password changed. */
    private SignedIn userWithHistory(String newPassword) {
        SignedIn alice = http.newUser("student");
        Response profile = http.command("PATCH", "/api/users/" + alice.id() + "/profile")
                .token(alice.token())
                .json(Map.of("full_name", "Alice Audited"))
                .send();
        assertThat(profile.status()).as(profile.toString()).isEqualTo(200);
        Response password = http.command("PUT", "/api/users/" + alice.id() + "/password")
                .token(alice.token())
                .json(Map.of("current_password", "password-of-" + alice.username(), "new_password", newPassword))
                .send();
        assertThat(password.status()).as(password.toString()).isEqualTo(200);
        return alice;
    }

    private Response audit(String pathAndQuery) {
        return http.query(pathAndQuery).token(auditorToken).send();
    }

    private static List<JsonNode> items(Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().get("items").forEach(items::add);
        return items;
    }

    @Test
    void the_global_stream_filtered_by_aggregate_gives_its_events_in_order_with_payload_and_metadata() {
        SignedIn alice = userWithHistory("a-new-password-1");

        List<JsonNode> events = items(audit("/api/audit/events?aggregate_id=" + alice.id()));

        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly("UserRegisteredEvent", "UserProfileChangedEvent", "UserPasswordChangedEvent");
        assertThat(events).extracting(e -> e.get("sequence_number").asLong()).containsExactly(0L, 1L, 2L);
        assertThat(events).extracting(e -> e.get("position").asLong()).isSorted();
        JsonNode profileChange = events.get(1);
        assertThat(profileChange.get("aggregate_type").asText()).isEqualTo("user");
        assertThat(profileChange.get("aggregate_id").asText()).isEqualTo(alice.id());
        assertThat(profileChange.get("payload").get("profile").get("full_name").asText())
                .isEqualTo("Alice Audited");
        assertThat(profileChange.get("metadata").get("user_id").asText()).isEqualTo(alice.id());
        assertThat(profileChange.get("metadata").get("correlation_id").asText()).isNotBlank();
        assertThat(profileChange.get("metadata").get("causation_id").asText()).isNotBlank();
        assertThat(profileChange.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void a_page_links_to_the_next_and_the_cursor_neither_repeats_nor_skips_an_event() {
        SignedIn alice = userWithHistory("a-new-password-2");
        String first = "/api/audit/events?aggregate_id=" + alice.id() + "&limit=2";

        Response page = audit(first);
        List<JsonNode> firstItems = items(page);
        long cursor = page.json().get("next_after").asLong();
        List<JsonNode> rest = items(audit(first + "&after=" + cursor));

        assertThat(firstItems).hasSize(2);
        assertThat(cursor).isEqualTo(firstItems.get(1).get("position").asLong());
        assertThat(page.header("Link")).contains("after=" + cursor).contains("rel=\"next\"");
        assertThat(rest).extracting(e -> e.get("sequence_number").asLong()).containsExactly(2L);
        JsonNode last = audit(first + "&after=" + cursor).json().path("next_after");
        assertThat(last.isNull() || last.isMissingNode())
                .as("no cursor after the last page")
                .isTrue();
    }

    @Test
    void the_type_and_user_filters_select_only_matching_events() {
        SignedIn alice = userWithHistory("a-new-password-3");
        SignedIn bob = userWithHistory("a-new-password-4");

        List<JsonNode> passwordChanges =
                items(audit("/api/audit/events?type=UserPasswordChangedEvent&user_id=" + alice.id()));
        List<JsonNode> qualified = items(audit(
                "/api/audit/events?type=io.lms.api.user.UserPasswordChangedEvent&aggregate_type=user&aggregate_id="
                        + bob.id()));

        assertThat(passwordChanges)
                .extracting(e -> e.get("aggregate_id").asText())
                .containsExactly(alice.id());
        assertThat(qualified).extracting(e -> e.get("aggregate_id").asText()).containsExactly(bob.id());
    }

    @Test
    void one_aggregates_history_is_served_in_order_and_an_unknown_aggregate_is_not_found() {
        SignedIn alice = userWithHistory("a-new-password-5");

        List<JsonNode> history = items(audit("/api/audit/user/" + alice.id() + "/events"));
        Response unknown = audit("/api/audit/course/" + alice.id() + "/events");

        assertThat(history).extracting(e -> e.get("sequence_number").asLong()).containsExactly(0L, 1L, 2L);
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void the_export_streams_one_json_event_a_line_with_the_same_events_as_the_pages() throws Exception {
        SignedIn alice = userWithHistory("a-new-password-6");

        Response export = audit("/api/audit/events/export?aggregate_id=" + alice.id());

        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        List<String> lines = export.body().lines().toList();
        assertThat(lines).hasSize(3);
        List<JsonNode> paged = items(audit("/api/audit/events?aggregate_id=" + alice.id()));
        for (int i = 0; i < lines.size(); i++) {
            assertThat(JSON.readTree(lines.get(i))).isEqualTo(paged.get(i));
        }
    }

    @Test
    void neither_a_password_nor_its_hash_appears_in_the_audit_trail() {
        SignedIn alice = userWithHistory("the-new-secret-password");

        String exported =
                audit("/api/audit/events/export?aggregate_id=" + alice.id()).body();
        String paged = audit("/api/audit/user/" + alice.id() + "/events").body();

        for (String body : List.of(exported, paged)) {
            assertThat(body).contains("UserPasswordChangedEvent");
            assertThat(body)
                    .doesNotContain("password-of-" + alice.username())
                    .doesNotContain("the-new-secret-password")
                    .doesNotContainIgnoringCase("hash")
                    .doesNotContain("$2a$")
                    .doesNotContain("$argon2");
        }
    }

    @Test
    void only_auditors_and_admins_read_the_audit_trail() {
        SignedIn student = http.newUser("student");
        SignedIn instructor = http.newUser("instructor");
        String page = "/api/audit/events?limit=1";

        assertThat(http.query(page).send().status()).isEqualTo(401);
        assertThat(http.query(page).token(student.token()).send().status()).isEqualTo(403);
        assertThat(http.query(page).token(instructor.token()).send().status()).isEqualTo(403);
        assertThat(http.query("/api/audit/events/export")
                        .token(student.token())
                        .send()
                        .status())
                .isEqualTo(403);
        assertThat(http.query("/api/audit/user/" + student.id() + "/events")
                        .send()
                        .status())
                .isEqualTo(401);
        assertThat(audit(page).status()).isEqualTo(200);
        assertThat(http.query(page).token(http.admin().token()).send().status()).isEqualTo(200);
    }

    @Test
    void an_auditor_changes_nothing() {
        SignedIn student = http.newUser("student");

        Response roleChange = http.command("PUT", "/api/users/" + student.id() + "/role")
                .token(auditorToken)
                .json(Map.of("role", "admin"))
                .send();

        assertThat(roleChange.status()).as(roleChange.toString()).isEqualTo(403);
    }

    @Test
    void bad_filters_are_refused_with_a_problem() {
        for (String query : List.of(
                "aggregate_type=invoice",
                "aggregate_id=not-an-object-id",
                "user_id=42",
                "type=NoSuchEvent",
                "from=yesterday",
                "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                "limit=0",
                "limit=1001",
                "after=-1")) {
            Response r = audit("/api/audit/events?" + query);
            assertThat(r.status()).as(query + " → " + r).isEqualTo(400);
            assertThat(r.contentType()).as(query).startsWith("application/problem+json");
        }
        Response badType = audit("/api/audit/invoice/0123456789abcdef01234567/events");
        assertThat(badType.status()).as(badType.toString()).isEqualTo(400);
    }
}
