package io.lms.platform.security;

import java.util.List;
import org.springframework.http.HttpMethod;

/** The requests a service serves without a token; everything else needs one. Each service declares its own. */
public record PublicEndpoints(List<Endpoint> endpoints) {

    public record Endpoint(HttpMethod method, String pattern) {}

    public static PublicEndpoints of(Endpoint... endpoints) {
        return new PublicEndpoints(List.of(endpoints));
    }

    public static Endpoint get(String pattern) {
        return new Endpoint(HttpMethod.GET, pattern);
    }

    public static Endpoint post(String pattern) {
        return new Endpoint(HttpMethod.POST, pattern);
    }
}
