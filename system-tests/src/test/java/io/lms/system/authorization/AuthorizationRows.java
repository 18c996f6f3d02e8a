package io.lms.system.authorization;

import java.util.Map;
import java.util.function.Function;

/**
 * The rows of one feature area of the authorization matrix. The matrix finds every implementation in this package
 * by itself, so a feature adds its endpoints in its own class, next to the others, without touching the matrix.
 */
interface AuthorizationRows {

    /**
     * A header line, then one line per endpoint and target: method, path as the controller maps it, the target's
     * name ({@link Cast#target}, or one of {@link #targets()}), and the status each caller gets in the order of
     * {@link Who}; {@code -} where a caller does not apply (the owner of an endpoint without a target).
     */
    String table();

    /** Request bodies by endpoint ({@code "POST /api/courses"}); an endpoint without one sends none. */
    default Map<String, Function<Target, Object>> bodies() {
        return Map.of();
    }

    /** Query strings by endpoint ({@code "?version=0"}), for endpoints that answer nothing without one. */
    default Map<String, String> queries() {
        return Map.of();
    }

    /** Targets this area adds to those of {@link Cast}, by name. */
    default Map<String, Function<Cast, Target>> targets() {
        return Map.of();
    }
}
