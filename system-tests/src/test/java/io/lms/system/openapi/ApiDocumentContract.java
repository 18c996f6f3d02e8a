package io.lms.system.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lms.system.Http;
import io.lms.system.MongoBackend;
import io.lms.system.ServedEndpoints;
import io.lms.system.ServedEndpoints.Endpoint;
import io.lms.system.SystemUnderTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;

/**
 * A service's OpenAPI document against the endpoints it serves: every endpoint of its handler mappings is in the
 * document with who may call it, its request and response schemas, its problem+json refusals and the bearer scheme,
 * so that code and document cannot drift apart. New endpoints are picked up from the handler mappings.
 */
abstract class ApiDocumentContract {

    protected SystemUnderTest system;

    /** The service whose document is checked. */
    protected abstract ApplicationContext service();

    /** A request to the service's own base URL. */
    protected abstract Http.Request get(String path);

    @BeforeEach
    void start() {
        system = SystemUnderTest.on(MongoBackend.EMBEDDED);
    }

    private JsonNode document() {
        Http.Response r = get("/v3/api-docs").send();
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        return r.json();
    }

    @Test
    void the_document_and_swagger_ui_are_served_without_a_token() {
        assertThat(get("/v3/api-docs").send().status()).isEqualTo(200);
        assertThat(get("/v3/api-docs.yaml").send().status()).isEqualTo(200);
        assertThat(get("/swagger-ui.html").send().status()).isIn(200, 302);
        Http.Response ui = get("/swagger-ui/index.html").send();
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }

    @Test
    void the_bearer_scheme_is_declared_as_a_jwt() {
        JsonNode scheme = document().at("/components/securitySchemes/bearer-jwt");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asText()).isEqualTo("JWT");
    }

    @Test
    void every_served_endpoint_is_documented_completely() {
        JsonNode paths = document().path("paths");
        Set<Endpoint> served = ServedEndpoints.of(service());
        List<String> missing = new ArrayList<>();
        for (Endpoint endpoint : served) {
            JsonNode operation =
                    paths.path(endpoint.path()).path(endpoint.method().toLowerCase(Locale.ROOT));
            if (operation.isMissingNode()) {
                missing.add(endpoint + ": not in the document");
                continue;
            }
            missing.addAll(gaps(endpoint, operation));
        }
        assertThat(missing).as("endpoints served but not documented completely").isEmpty();
    }

    @Test
    void the_document_has_no_endpoint_that_is_not_served() {
        Set<String> served = ServedEndpoints.keys(service());
        List<String> documented = new ArrayList<>();
        document().path("paths").fields().forEachRemaining(path -> path.getValue()
                .fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        assertThat(served).containsAll(documented);
    }

    @Test
    void enum_values_are_written_in_lower_case_as_on_the_wire() {
        List<String> upperCase = new ArrayList<>();
        document()
                .findValues("enum")
                .forEach(values -> values.forEach(v -> {
                    if (!v.asText().equals(v.asText().toLowerCase(Locale.ROOT))) {
                        upperCase.add(v.asText());
                    }
                }));
        assertThat(upperCase).isEmpty();
    }

    private static List<String> gaps(Endpoint endpoint, JsonNode operation) {
        List<String> gaps = new ArrayList<>();
        String access = operation.path("x-access").asText("");
        if (access.isEmpty()) {
            gaps.add(endpoint + ": no x-access (annotate the handler with @Access)");
        }
        if (takesBody(endpoint) && !hasSchema(operation.at("/requestBody/content/application~1json/schema"))) {
            gaps.add(endpoint + ": no request body schema");
        }
        if (answersBody(endpoint) && !hasSuccessSchema(operation.path("responses"))) {
            gaps.add(endpoint + ": no response schema for its success");
        }
        for (String status : List.of("400", "401")) {
            String ref = operation
                    .at("/responses/" + status + "/content/application~1problem+json/schema/$ref")
                    .asText("");
            if (!ref.equals("#/components/schemas/Problem")) {
                gaps.add(endpoint + ": no problem+json answer for " + status);
            }
        }
        if (!access.equals("anyone") && !declaresBearer(operation)) {
            gaps.add(endpoint + ": no bearer security requirement");
        }
        return gaps;
    }

    private static boolean takesBody(Endpoint endpoint) {
        for (var parameter : endpoint.handler().getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return true;
            }
        }
        return false;
    }

    /** Everything but {@code ResponseEntity<Void>} and {@code void} answers a body. */
    private static boolean answersBody(Endpoint endpoint) {
        ResolvableType type =
                ResolvableType.forMethodReturnType(endpoint.handler().getMethod());
        if (ResponseEntity.class.equals(type.resolve())) {
            type = type.getGeneric(0);
        }
        Class<?> body = type.resolve();
        return body != Void.class && body != void.class;
    }

    private static boolean hasSuccessSchema(JsonNode responses) {
        for (String status : List.of("200", "201", "202")) {
            if (hasSchema(responses.at("/" + status + "/content/application~1json/schema"))) {
                return true;
            }
        }
        return false;
    }

    /** A schema that says something: a reference, a choice, an array of something, or properties. */
    private static boolean hasSchema(JsonNode schema) {
        return schema.has("$ref")
                || schema.has("oneOf")
                || (schema.has("items") && hasSchema(schema.path("items")))
                || schema.has("properties");
    }

    private static boolean declaresBearer(JsonNode operation) {
        for (JsonNode requirement : operation.path("security")) {
            if (requirement.has("bearer-jwt")) {
                return true;
            }
        }
        return false;
    }
}
