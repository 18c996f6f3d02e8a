package io.lms.platform.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lms.api.error.ErrorCode;
import io.lms.api.error.ErrorKind;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds the platform's problem details (RFC 9457), for the advice and for filters that answer before MVC. */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:lms:problem:";

    private Problems() {}

    public static HttpStatus status(ErrorKind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        return of(code, detail, List.of());
    }

    public static ProblemDetail of(ErrorCode code, String detail, List<FieldViolation> violations) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status(code.kind()), detail);
        problem.setType(URI.create(TYPE_PREFIX + code.slug()));
        problem.setTitle(code.title());
        if (!violations.isEmpty()) {
            problem.setProperty("errors", violations);
        }
        return problem;
    }

    /** A problem for a status that has no business code (413, 415, 405, 503 ...). */
    public static ProblemDetail ofStatus(HttpStatus status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + slug));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    /** Writes a problem straight to the servlet response, for filters and security handlers. */
    public static void write(HttpServletResponse response, ProblemDetail problem, ObjectMapper mapper)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
