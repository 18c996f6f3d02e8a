package io.lms.platform.error;

import io.lms.api.error.ErrorCode;
import java.util.List;

/**
 * A refusal with a stable {@link ErrorCode}: thrown by aggregates, command-side lookups and query
 * controllers, rendered as a problem detail by {@link ProblemDetailsAdvice}.
 */
public class DomainException extends RuntimeException {

    private final ErrorCode code;
    private final transient List<FieldViolation> violations;

    public DomainException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public DomainException(ErrorCode code, String detail, List<FieldViolation> violations) {
        super(detail, null, false, false);
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    /** A rule on one field of the command was broken. */
    public static DomainException invalid(String field, String message) {
        return new DomainException(
                ErrorCode.VALIDATION_FAILED, field + ": " + message, List.of(new FieldViolation(field, message)));
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(ErrorCode.FORBIDDEN, detail);
    }

    public static DomainException notFound(String what, String id) {
        return new DomainException(ErrorCode.NOT_FOUND, "No " + what + " with id " + id);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
