package io.lms.platform.openapi;

import io.lms.api.common.CommandResult;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * The problem+json refusals an endpoint can answer, read from its signature as the platform's conventions decide
 * them (api.md, "REST conventions"): every request may be invalid (400) or carry a bad token (401); a path id may
 * not exist (404); a body may be too large or of the wrong type (413, 415); {@code If-Match} may be stale (412); a
 * command may lose a race or break a rule (409); {@code min_version} may not exist yet (409), be waited for too long
 * (503) or find too many waiting (429).
 */
final class ProblemResponses {

    private ProblemResponses() {}

    /** Status code to the reason shown in the document. */
    static Map<Integer, String> of(HandlerMethod handler) {
        Map<Integer, String> statuses = new TreeMap<>();
        statuses.put(400, "the request is invalid: see `errors` for the fields");
        statuses.put(401, "no bearer token where one is needed, an invalid or expired one, or wrong credentials");
        Access access = handler.getMethodAnnotation(Access.class);
        if (access == null || !Access.ANYONE.equals(access.value())) {
            statuses.put(403, "the caller's role or relation to the resource does not allow this");
        }
        if (answersCommandResult(handler)) {
            statuses.put(409, "the command breaks a rule of the resource's state, or lost a race with another");
        }
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(PathVariable.class)) {
                statuses.put(404, "no such resource, or one the caller may not see");
            }
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                statuses.put(413, "the body is larger than 1 MiB");
                statuses.put(415, "the body is not application/json");
            }
            RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
            if (header != null && "If-Match".equalsIgnoreCase(header.name())) {
                statuses.put(412, "the resource moved past the version in If-Match");
            }
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null && "min_version".equals(param.name())) {
                statuses.put(409, "no such version of the resource exists (version-does-not-exist)");
                statuses.put(429, "too many reads are waiting for a version; see Retry-After");
                statuses.put(503, "the read model did not reach min_version in time; see Retry-After");
            }
        }
        if (access != null) {
            Arrays.stream(access.alsoAnswers())
                    .forEach(status -> statuses.putIfAbsent(
                            status, HttpStatus.valueOf(status).getReasonPhrase()));
        }
        return statuses;
    }

    /** A command: it answers {@code CommandResult}, bare or in a {@code ResponseEntity}. */
    private static boolean answersCommandResult(HandlerMethod handler) {
        ResolvableType type = ResolvableType.forMethodReturnType(handler.getMethod());
        if (ResponseEntity.class.equals(type.resolve())) {
            type = type.getGeneric(0);
        }
        return CommandResult.class.equals(type.resolve());
    }
}
