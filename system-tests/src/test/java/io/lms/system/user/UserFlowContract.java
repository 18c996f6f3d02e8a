package io.lms.system.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;

/**
 * Users and sign-in end to end, through HTTP on both services. Each backend (embedded server, container, MONGODB_URI)
 * runs this same suite through a subclass.
 */
public abstract class UserFlowContract {

    protected abstract MongoBackend backend();

    private SystemUnderTest system;
    private Http http;

    @BeforeEach
    void connect() {
        system = SystemUnderTest.on(backend());
        http = system.http;
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void a_newcomer_registers_signs_in_changes_their_profile_and_reads_it_back() {
        String name = unique("alice");
        Response registered = http.command("POST", "/api/users")
                .json(Map.of(
                        "username",
                        name,
                        "email",
                        name + "@Example.com",
                        "password",
                        "secret-password",
                        "profile",
                        Map.of("full_name", "Alice A")))
                .send();
        assertThat(registered.status()).isEqualTo(201);
        String id = registered.json().get("id").asText();
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(registered.json().get("version").asLong()).isZero();
        assertThat(registered.header("ETag")).isEqualTo("\"0\"");
        assertThat(registered.header("Location")).isEqualTo(http.queryUrl + "/api/users/" + id);

        Response token = http.command("POST", "/api/auth/token")
                .json(Map.of("login", name + "@example.COM", "password", "secret-password"))
                .send();
        assertThat(token.status()).isEqualTo(200);
        assertThat(token.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.json().get("expires_in").asLong()).isPositive();
        String bearer = token.json().get("access_token").asText();

        Response changed = http.command("PATCH", "/api/users/" + id + "/profile")
                .token(bearer)
                .header("If-Match", "\"0\"")
                .json(Map.of("bio", "I like learning"))
                .send();
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("version").asLong()).isEqualTo(1);
        assertThat(changed.header("ETag")).isEqualTo("\"1\"");

        Response me = http.query("/api/users/me?min_version=1").token(bearer).send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.header("ETag")).isEqualTo("\"1\"");
        JsonNode user = me.json();
        assertThat(user.get("id").asText()).isEqualTo(id);
        assertThat(user.get("username").asText()).isEqualTo(name);
        assertThat(user.get("email").asText()).isEqualTo(name + "@Example.com");
        assertThat(user.get("role").asText()).isEqualTo("student");
        assertThat(user.get("profile").get("full_name").asText()).isEqualTo("Alice A");
        assertThat(user.get("profile").get("bio").asText()).isEqualTo("I like learning");
        assertThat(user.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(user.has("password_hash")).isFalse();
        assertThat(me.body()).doesNotContain("$2a$").doesNotContain("secret-password");
    }

    @Test
    void both_services_report_themselves_healthy_including_mongodb() {
        String admin = http.admin().token();
        for (Http.Request request : List.of(http.command("GET", "/actuator/health"), http.query("/actuator/health"))) {
            Response health = request.token(admin).send();
            assertThat(health.status()).as(health.toString()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("UP");
            JsonNode mongo = health.json().path("components").path("mongo");
            assertThat(mongo.path("status").asText()).as(health.toString()).isEqualTo("UP");
            assertThat(mongo.path("details").path("ok").asDouble()).isEqualTo(1.0);
        }
    }

    @Test
    void readiness_includes_mongodb_and_the_catalog_mirror_and_liveness_only_the_process() {
        String admin = http.admin().token();
        Response command =
                http.command("GET", "/actuator/health/readiness").token(admin).send();
        Response query = http.query("/actuator/health/readiness").token(admin).send();
        for (Response readiness : List.of(command, query)) {
            assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
            assertThat(readiness
                            .json()
                            .path("components")
                            .path("mongo")
                            .path("status")
                            .asText())
                    .as(readiness.toString())
                    .isEqualTo("UP");
        }
        assertThat(query.json().at("/components/catalogMirror/status").asText())
                .as(query.toString())
                .isEqualTo("UP");

        for (Http.Request request :
                List.of(http.command("GET", "/actuator/health/liveness"), http.query("/actuator/health/liveness"))) {
            Response liveness = request.token(admin).send();
            assertThat(liveness.status()).as(liveness.toString()).isEqualTo(200);
            assertThat(liveness.json().path("components").path("mongo").isMissingNode())
                    .as(liveness.toString())
                    .isTrue();
        }
    }

    @Test
    void a_command_decided_on_an_outdated_state_is_refused_with_409_and_stores_nothing() throws Exception {
        Http nodeB = system.secondCommandNode();
        SignedIn alice = http.newUser("student");
        String path = "/api/users/" + alice.id() + "/profile";
        // node A caches alice at version 1, then node B moves her to version 2
        assertThat(http.command("PATCH", path)
                        .token(alice.token())
                        .json(Map.of("bio", "a"))
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(nodeB.command("PATCH", path)
                        .token(alice.token())
                        .json(Map.of("bio", "b"))
                        .send()
                        .status())
                .isEqualTo(200);

        List<Response> racing = parallel(2, i -> (i == 0 ? http : nodeB)
                .command("PATCH", path)
                .token(alice.token())
                .json(Map.of("full_name", "racer " + i))
                .send());

        assertThat(racing).extracting(Response::status).containsExactlyInAnyOrder(200, 409);
        Response refused =
                racing.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:lms:problem:concurrent-modification");
        List<DomainEventMessage<?>> events = new ArrayList<>();
        system.commandSide().getBean(EventStore.class).readEvents(alice.id()).forEachRemaining(events::add);
        assertThat(events).hasSize(4);
        // the refusing node dropped its outdated copy: the client's retry goes through
        Http refusingNode = racing.get(0).status() == 409 ? http : nodeB;
        assertThat(refusingNode
                        .command("PATCH", path)
                        .token(alice.token())
                        .json(Map.of("bio", "retry"))
                        .send()
                        .status())
                .isEqualTo(200);
    }

    @Test
    void replaying_the_users_projection_from_the_first_event_rebuilds_the_same_documents() throws Exception {
        http.newUser("student");
        SignedIn alice = http.newUser("instructor");
        http.command("PATCH", "/api/users/" + alice.id() + "/profile")
                .token(alice.token())
                .json(Map.of("bio", "before the replay"))
                .send();
        assertThat(http.query("/api/users/me?min_version=1")
                        .token(alice.token())
                        .send()
                        .status())
                .isEqualTo(200);
        var users = system.database().getCollection("users");
        List<Document> before = users.find().sort(new Document("_id", 1)).into(new ArrayList<>());

        var processing = system.querySide().getBean(org.axonframework.config.EventProcessingConfiguration.class);
        var processor = processing
                .eventProcessor("users", org.axonframework.eventhandling.TrackingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        // the processor restarts in the background: poll until the replay has run through the whole history
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(processor.isReplaying()).isFalse();
            assertThat(users.find().sort(new Document("_id", 1)).into(new ArrayList<>()))
                    .isEqualTo(before);
        });
    }

    @Test
    void other_users_see_only_username_role_and_profile() {
        SignedIn alice = http.newUser("student");
        SignedIn bob = http.newUser("student");

        Response seen = http.query("/api/users/" + alice.id() + "?min_version=0")
                .token(bob.token())
                .send();

        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.json().has("email")).isFalse();
        assertThat(seen.json().has("created_at")).isFalse();
        assertThat(seen.json().get("username").asText()).isEqualTo(alice.username());
    }

    @Test
    void a_stale_if_match_is_refused_with_412_and_changes_nothing() {
        SignedIn alice = http.newUser("student");
        String path = "/api/users/" + alice.id() + "/profile";
        assertThat(http.command("PATCH", path)
                        .token(alice.token())
                        .json(Map.of("bio", "one"))
                        .send()
                        .status())
                .isEqualTo(200);

        Response stale = http.command("PATCH", path)
                .token(alice.token())
                .header("If-Match", "\"0\"")
                .json(Map.of("bio", "two"))
                .send();

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        Response me =
                http.query("/api/users/me?min_version=1").token(alice.token()).send();
        assertThat(me.json().get("profile").get("bio").asText()).isEqualTo("one");
        assertThat(me.header("ETag")).isEqualTo("\"1\"");
    }

    @Test
    void reading_a_version_the_read_model_has_not_reached_answers_503_with_retry_after() {
        SignedIn alice = http.newUser("student");
        var processor = system.querySide()
                .getBean(org.axonframework.config.EventProcessingConfiguration.class)
                .eventProcessor("users", org.axonframework.eventhandling.TrackingEventProcessor.class)
                .orElseThrow();
        Response ahead;
        processor.shutDown();
        try {
            assertThat(http.command("PATCH", "/api/users/" + alice.id() + "/profile")
                            .token(alice.token())
                            .json(Map.of("bio", "not projected yet"))
                            .send()
                            .status())
                    .isEqualTo(200);
            ahead = http.query("/api/users/me?min_version=1")
                    .token(alice.token())
                    .send();
        } finally {
            processor.start();
        }

        assertThat(ahead.status()).isEqualTo(503);
        assertThat(ahead.header("Retry-After")).isNotNull();
        assertThat(ahead.contentType()).startsWith("application/problem+json");
    }

    @Test
    void concurrent_registrations_of_one_username_let_exactly_one_win() throws Exception {
        String name = unique("race");
        List<Response> responses =
                parallel(10, i -> http.register(name, name + i + "@example.com", "secret-password", null));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(9);
    }

    @Test
    void concurrent_registrations_of_one_email_in_different_cases_let_exactly_one_win() throws Exception {
        String email = unique("race") + "@example.com";
        List<Response> responses = parallel(
                10,
                i -> http.register(unique("user"), i % 2 == 0 ? email.toUpperCase() : email, "secret-password", null));

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409).hasSize(9);
    }

    @Test
    void unknown_login_and_wrong_password_answer_alike() {
        SignedIn alice = http.newUser("student");

        Response unknown = http.command("POST", "/api/auth/token")
                .json(Map.of("login", unique("nobody"), "password", "whatever-password"))
                .send();
        Response wrong = http.command("POST", "/api/auth/token")
                .json(Map.of("login", alice.username(), "password", "wrong-password"))
                .send();

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("detail")).isEqualTo(unknown.json().get("detail"));
        assertThat(wrong.json().get("type")).isEqualTo(unknown.json().get("type"));
    }

    @Test
    void repeated_failed_sign_ins_answer_429_with_retry_after_even_with_the_right_password() {
        SignedIn alice = http.newUser("student");
        for (int i = 0; i < 5; i++) {
            http.command("POST", "/api/auth/token")
                    .json(Map.of("login", alice.username(), "password", "wrong-password"))
                    .send();
        }

        Response throttled = http.command("POST", "/api/auth/token")
                .json(Map.of("login", alice.username(), "password", "password-of-" + alice.username()))
                .send();

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();
    }

    @Test
    void a_password_change_needs_the_current_password_and_retires_the_old_one() {
        SignedIn alice = http.newUser("student");
        String path = "/api/users/" + alice.id() + "/password";
        Response wrong = http.command("PUT", path)
                .token(alice.token())
                .json(Map.of("current_password", "not-my-password", "new_password", "brand-new-password"))
                .send();
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("errors").get(0).get("field").asText()).isEqualTo("current_password");

        Response changed = http.command("PUT", path)
                .token(alice.token())
                .json(Map.of(
                        "current_password", "password-of-" + alice.username(), "new_password", "brand-new-password"))
                .send();
        assertThat(changed.status()).isEqualTo(200);

        assertThat(http.signIn(alice.username(), "brand-new-password")).isNotBlank();
        assertThat(http.command("POST", "/api/auth/token")
                        .json(Map.of("login", alice.username(), "password", "password-of-" + alice.username()))
                        .send()
                        .status())
                .isEqualTo(401);
    }

    @Test
    void an_admin_grants_a_role_that_the_next_token_carries_but_cannot_change_their_own() {
        SignedIn admin = http.admin();
        SignedIn alice = http.newUser("student");

        Response granted = http.command("PUT", "/api/users/" + alice.id() + "/role")
                .token(admin.token())
                .json(Map.of("role", "auditor"))
                .send();
        assertThat(granted.status()).isEqualTo(200);
        Response byStudent = http.command("PUT", "/api/users/" + alice.id() + "/role")
                .token(alice.token())
                .json(Map.of("role", "admin"))
                .send();
        assertThat(byStudent.status()).isEqualTo(403);
        Response own = http.command("PUT", "/api/users/" + admin.id() + "/role")
                .token(admin.token())
                .json(Map.of("role", "student"))
                .send();
        assertThat(own.status()).isEqualTo(409);

        String newToken = http.signIn(alice.username(), "password-of-" + alice.username());
        Response me = http.query("/api/users/me?min_version=1").token(newToken).send();
        assertThat(me.json().get("role").asText()).isEqualTo("auditor");
    }

    @Test
    void the_user_list_is_for_admins_pages_and_links_to_the_next_page() {
        http.newUser("instructor");
        http.newUser("instructor");
        SignedIn student = http.newUser("student");

        assertThat(http.query("/api/users").token(student.token()).send().status())
                .isEqualTo(403);
        Response page = http.query("/api/users?role=instructor&size=1&page=0")
                .token(http.admin().token())
                .send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("items")).hasSize(1);
        assertThat(page.json().get("size").asInt()).isEqualTo(1);
        assertThat(page.json().get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(page.header("Link")).contains("rel=\"next\"").contains("page=1");
        assertThat(page.json().get("items").get(0).get("role").asText()).isEqualTo("instructor");
    }

    @Test
    void the_bootstrap_admin_is_created_once_however_often_the_command_side_starts() throws Exception {
        for (ApplicationRunner runner :
                system.commandSide().getBeansOfType(ApplicationRunner.class).values()) {
            ApplicationArguments args = new DefaultApplicationArguments();
            runner.run(args);
        }
        Response admins =
                http.query("/api/users?role=admin").token(http.admin().token()).send();
        assertThat(admins.json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void every_event_carries_who_caused_it_and_the_request_it_belongs_to() {
        SignedIn alice = http.newUser("student");
        Response changed = http.command("PATCH", "/api/users/" + alice.id() + "/profile")
                .token(alice.token())
                .header("X-Correlation-Id", "req-42-abc")
                .json(Map.of("bio", "traced"))
                .send();
        assertThat(changed.header("X-Correlation-Id")).isEqualTo("req-42-abc");

        List<DomainEventMessage<?>> events = new ArrayList<>();
        system.commandSide().getBean(EventStore.class).readEvents(alice.id()).forEachRemaining(events::add);

        assertThat(events).hasSize(2);
        assertThat(events)
                .allSatisfy(e -> assertThat(e.getMetaData()).containsKeys("user_id", "correlation_id", "causation_id"));
        DomainEventMessage<?> profileChange = events.get(1);
        assertThat(profileChange.getMetaData())
                .containsEntry("user_id", alice.id())
                .containsEntry("correlation_id", "req-42-abc");
        assertThat(profileChange.getMetaData().get("causation_id")).isNotNull();
        assertThat(events.get(0).getMetaData()).containsEntry("user_id", alice.id());
    }

    @Test
    void neither_a_password_nor_its_hash_is_stored_outside_the_credential_store() {
        SignedIn alice = http.newUser("student");
        Response changed = http.command("PUT", "/api/users/" + alice.id() + "/password")
                .token(alice.token())
                .json(Map.of(
                        "current_password", "password-of-" + alice.username(), "new_password", "another-password-1"))
                .send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(http.signIn(alice.username(), "another-password-1")).isNotBlank();

        for (String collection : system.database().listCollectionNames()) {
            if (collection.equals("credentials")) {
                continue;
            }
            for (Document document : system.database().getCollection(collection).find()) {
                String json = document.toJson();
                assertThat(json)
                        .as("collection %s", collection)
                        .doesNotContain("password-of-")
                        .doesNotContain("another-password-1")
                        .doesNotContain("$2a$")
                        .doesNotContain("password_hash");
            }
        }
        Document credentials = system.database()
                .getCollection("credentials")
                .find(new Document("_id", alice.id()))
                .first();
        assertThat(credentials.getString("password_hash")).startsWith("$2a$");
    }

    private static List<Response> parallel(int n, java.util.function.IntFunction<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                calls.add(() -> call.apply(index));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
