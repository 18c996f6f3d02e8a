package io.lms.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A small JSON client for the two services, as a client app would use them. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final String commandUrl;
    public final String queryUrl;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Http(String commandUrl, String queryUrl) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
    }

    public record Response(int status, HttpResponse<String> raw) {

        public JsonNode json() {
            try {
                return raw.body().isEmpty() ? JSON.nullNode() : JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String body() {
            return raw.body();
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    /** A request to the command side ({@code command(...)}) or the query side ({@code query(...)}). */
    /** The same command side, and the query node at {@code queryUrl} (another node of a scaled-out query side). */
    public Http withQueryUrl(String queryUrl) {
        return new Http(commandUrl, queryUrl);
    }

    public Request command(String method, String path) {
        return new Request(method, commandUrl + path);
    }

    public Request query(String path) {
        return new Request("GET", queryUrl + path);
    }

    /** A request of another method to the query side (its admin actions). */
    public Request query(String method, String path) {
        return new Request(method, queryUrl + path);
    }

    public final class Request {
        private final HttpRequest.Builder builder;
        private final String method;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        Request(String method, String url) {
            this.method = method;
            this.builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        }

        public Request token(String token) {
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            return this;
        }

        public Request header(String name, String value) {
            builder.header(name, value);
            return this;
        }

        public Request json(Object value) {
            try {
                return raw(value instanceof String s ? s : JSON.writeValueAsString(value), "application/json");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Request raw(String text, String contentType) {
            builder.header("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofString(text);
            return this;
        }

        public Response send() {
            try {
                HttpResponse<String> response =
                        client.send(builder.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    // conveniences for the common steps of every suite

    public Response register(String username, String email, String password, String role) {
        Map<String, Object> body =
                new java.util.HashMap<>(Map.of("username", username, "email", email, "password", password));
        if (role != null) {
            body.put("role", role);
        }
        return command("POST", "/api/users").json(body).send();
    }

    public String signIn(String login, String password) {
        Response r = command("POST", "/api/auth/token")
                .json(Map.of("login", login, "password", password))
                .send();
        if (r.status() != 200) {
            throw new IllegalStateException("sign-in failed: " + r);
        }
        return r.json().get("access_token").asText();
    }

    /** Registers a user with a unique name, signs them in and waits until the users read model has them. */
    public SignedIn newUser(String role) {
        String name = role + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Response r = register(name, name + "@example.com", "password-of-" + name, role);
        if (r.status() != 201) {
            throw new IllegalStateException("registration failed: " + r);
        }
        SignedIn user = new SignedIn(r.json().get("id").asText(), name, signIn(name, "password-of-" + name));
        // the user is visible on the query side before a test goes on, so that lists and counts do not race
        Response visible =
                query("/api/users/me?min_version=0").token(user.token()).send();
        if (visible.status() != 200) {
            throw new IllegalStateException("the new user did not reach the read model: " + visible);
        }
        return user;
    }

    /** Signs the bootstrap admin in; on a system just started, waits until the users read model has them. */
    public SignedIn admin() {
        String token = signIn(SystemUnderTest.ADMIN_USERNAME, SystemUnderTest.ADMIN_PASSWORD);
        Response me = query("/api/users/me?min_version=0").token(token).send();
        if (me.status() != 200) {
            throw new IllegalStateException("the admin did not reach the read model: " + me);
        }
        return new SignedIn(me.json().get("id").asText(), SystemUnderTest.ADMIN_USERNAME, token);
    }

    public record SignedIn(String id, String username, String token) {}
}
