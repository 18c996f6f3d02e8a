package io.lms.system.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Sessions: a sign-in answers a short-lived access token and a refresh token; a refresh token works once, and a new
 * password, a new role, a replayed refresh token or a sign-out ends the session.
 */
public abstract class SessionContract {

    protected abstract MongoBackend backend();

    private SystemUnderTest system;
    private Http http;

    @BeforeEach
    void connect() {
        system = SystemUnderTest.on(backend());
        http = system.http;
    }

    private JsonNode signIn(SignedIn user, String password) {
        Response r = http.command("POST", "/api/auth/token")
                .json(Map.of("login", user.username(), "password", password))
                .send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private JsonNode signIn(SignedIn user) {
        return signIn(user, "password-of-" + user.username());
    }

    private Response refresh(JsonNode pair) {
        return http.command("POST", "/api/auth/refresh")
                .json(Map.of("refresh_token", pair.get("refresh_token").asText()))
                .send();
    }

    private static void assertRefused(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:lms:problem:invalid-refresh-token");
    }

    @Test
    void a_sign_in_answers_a_five_minute_access_token_and_a_refresh_token() {
        JsonNode pair = signIn(http.newUser("student"));

        assertThat(pair.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(pair.get("expires_in").asLong()).isEqualTo(300);
        assertThat(pair.get("refresh_token").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(pair.get("refresh_expires_in").asLong()).isEqualTo(14 * 24 * 3600);
    }

    @Test
    void a_refresh_answers_a_new_pair_whose_access_token_works() {
        SignedIn alice = http.newUser("student");
        JsonNode first = signIn(alice);

        Response refreshed = refresh(first);

        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        assertThat(refreshed.header("Cache-Control")).contains("no-store");
        JsonNode second = refreshed.json();
        assertThat(second.get("refresh_token").asText())
                .isNotEqualTo(first.get("refresh_token").asText());
        Response me = http.query("/api/users/me")
                .token(second.get("access_token").asText())
                .send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("id").asText()).isEqualTo(alice.id());
        assertThat(refresh(second).status()).isEqualTo(200);
    }

    @Test
    void a_refresh_token_used_twice_is_refused_and_ends_the_session_it_was_rotated_into() {
        SignedIn alice = http.newUser("student");
        JsonNode stolen = signIn(alice);
        JsonNode rotated = refresh(stolen).json();

        assertRefused(refresh(stolen));

        assertRefused(refresh(rotated));
    }

    @Test
    void a_password_change_ends_every_session_of_the_user() {
        SignedIn alice = http.newUser("student");
        JsonNode laptop = signIn(alice);
        JsonNode phone = signIn(alice);

        Response changed = http.command("PUT", "/api/users/" + alice.id() + "/password")
                .token(alice.token())
                .json(Map.of("current_password", "password-of-" + alice.username(), "new_password", "a-new-password"))
                .send();
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);

        assertRefused(refresh(laptop));
        assertRefused(refresh(phone));
        assertThat(refresh(signIn(alice, "a-new-password")).status()).isEqualTo(200);
    }

    @Test
    void a_role_change_ends_the_users_sessions_and_the_next_sign_in_carries_the_new_role() {
        SignedIn alice = http.newUser("student");
        JsonNode before = signIn(alice);

        Response granted = http.command("PUT", "/api/users/" + alice.id() + "/role")
                .token(http.admin().token())
                .json(Map.of("role", "auditor"))
                .send();
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);

        assertRefused(refresh(before));
        String after = signIn(alice).get("access_token").asText();
        Response me = http.query("/api/users/me?min_version=1").token(after).send();
        assertThat(me.json().get("role").asText()).isEqualTo("auditor");
    }

    @Test
    void signing_out_ends_that_session_only() {
        SignedIn alice = http.newUser("student");
        JsonNode laptop = signIn(alice);
        JsonNode phone = signIn(alice);

        Response out = http.command("POST", "/api/auth/logout")
                .json(Map.of("refresh_token", laptop.get("refresh_token").asText()))
                .send();

        assertThat(out.status()).isEqualTo(204);
        assertRefused(refresh(laptop));
        assertThat(refresh(phone).status()).isEqualTo(200);
    }

    @Test
    void signing_out_with_a_token_that_was_rotated_ends_every_session_of_the_user() {
        SignedIn alice = http.newUser("student");
        JsonNode stolen = signIn(alice);
        JsonNode thiefs = refresh(stolen).json();

        Response out = http.command("POST", "/api/auth/logout")
                .json(Map.of("refresh_token", stolen.get("refresh_token").asText()))
                .send();

        assertThat(out.status()).isEqualTo(204);
        assertRefused(refresh(thiefs));
    }

    @Test
    void signing_out_with_an_unknown_token_answers_alike() {
        Response out = http.command("POST", "/api/auth/logout")
                .json(Map.of("refresh_token", "no-such-token"))
                .send();

        assertThat(out.status()).isEqualTo(204);
    }

    @Test
    void an_unknown_or_missing_refresh_token_is_refused_as_a_problem() {
        assertRefused(http.command("POST", "/api/auth/refresh")
                .json(Map.of("refresh_token", "no-such-token"))
                .send());
        Response missing =
                http.command("POST", "/api/auth/refresh").json(Map.of()).send();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void the_command_side_keeps_only_a_hash_of_each_refresh_token() {
        SignedIn alice = http.newUser("student");
        String token = signIn(alice).get("refresh_token").asText();

        var stored = system.database()
                .getCollection("refresh_tokens")
                .find(new Document("user_id", alice.id()))
                .into(new java.util.ArrayList<>());

        assertThat(stored).isNotEmpty();
        assertThat(stored).allSatisfy(d -> assertThat(d.toJson()).doesNotContain(token));
        assertThat(stored).allSatisfy(d -> assertThat(d.getString("_id")).matches("[0-9a-f]{64}"));
    }
}
