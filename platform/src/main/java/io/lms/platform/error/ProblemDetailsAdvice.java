package io.lms.platform.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.lms.api.error.ErrorCode;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where failures become problem details. Nothing a client sends may surface as a 500 or leak a
 * stack trace: anything unexpected is logged here and answered with a bare 500.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e instanceof RetryLaterException retry) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retry.retryAfterSeconds()));
        }
        ProblemDetail problem = Problems.of(e.code(), e.getMessage(), e.violations());
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> staleVersion(ConflictingAggregateVersionException e) {
        return problem(Problems.of(
                ErrorCode.STALE_VERSION,
                "The resource is at a newer version than the one in If-Match; read it again and retry"));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrent(ConcurrencyException e) {
        return problem(
                Problems.of(ErrorCode.CONCURRENT_MODIFICATION, "Another change to the same resource was stored first"));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e) {
        return problem(Problems.of(ErrorCode.NOT_FOUND, "No such resource: " + e.getAggregateIdentifier()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<FieldViolation> violations = e.getConstraintViolations().stream()
                .map(v -> new FieldViolation(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return problem(Problems.of(ErrorCode.VALIDATION_FAILED, describe(violations), violations));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return problem(Problems.ofStatus(
                HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Something went wrong on our side"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = e.getBindingResult().getFieldErrors().stream()
                .map(ProblemDetailsAdvice::toViolation)
                .toList();
        List<FieldViolation> global = e.getBindingResult().getGlobalErrors().stream()
                .map(g -> new FieldViolation(g.getObjectName(), g.getDefaultMessage()))
                .toList();
        List<FieldViolation> all = new java.util.ArrayList<>(violations);
        all.addAll(global);
        return body(Problems.of(ErrorCode.VALIDATION_FAILED, describe(all), all));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldViolation(parameterName(result, error), error.getDefaultMessage())))
                .toList();
        return body(Problems.of(ErrorCode.VALIDATION_FAILED, describe(violations), violations));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        if (hasCause(e, PayloadTooLargeException.class)) {
            return body(Problems.ofStatus(
                    HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "The request body is larger than 1 MiB"));
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return body(Problems.of(
                    ErrorCode.VALIDATION_FAILED,
                    "Unknown field '" + field + "'",
                    List.of(new FieldViolation(field, "is not a known field"))));
        }
        if (cause instanceof InvalidFormatException invalid) {
            String field = path(invalid);
            return body(Problems.of(
                    ErrorCode.VALIDATION_FAILED,
                    "Field '" + field + "' has a value of the wrong type or format",
                    List.of(new FieldViolation(field, "has an invalid value: " + invalid.getValue()))));
        }
        if (cause instanceof MismatchedInputException mismatched
                && !mismatched.getPath().isEmpty()) {
            String field = path(mismatched);
            return body(Problems.of(
                    ErrorCode.VALIDATION_FAILED,
                    "Field '" + field + "' has a value of the wrong type",
                    List.of(new FieldViolation(field, "has a value of the wrong type"))));
        }
        if (cause instanceof JsonParseException parse) {
            java.util.regex.Matcher duplicate = DUPLICATE_FIELD.matcher(parse.getOriginalMessage());
            if (duplicate.matches()) {
                String field = duplicate.group(1);
                return body(Problems.of(
                        ErrorCode.VALIDATION_FAILED,
                        "Field '" + field + "' is given more than once",
                        List.of(new FieldViolation(field, "is given more than once"))));
            }
        }
        return body(Problems.of(ErrorCode.MALFORMED_REQUEST, "The request body is missing or is not well-formed JSON"));
    }

    /** Jackson's message for a key repeated in one object (STRICT_DUPLICATE_DETECTION). */
    private static final java.util.regex.Pattern DUPLICATE_FIELD =
            java.util.regex.Pattern.compile("Duplicate field '(.{1,200})'");

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body == null && e instanceof org.springframework.web.ErrorResponse errorResponse) {
            body = errorResponse.updateAndGetBody(
                    getMessageSource(), org.springframework.context.i18n.LocaleContextHolder.getLocale());
        }
        if (body instanceof ProblemDetail problem) {
            HttpStatus resolved = HttpStatus.resolve(status.value());
            String slug = resolved != null
                    ? resolved.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    : "error";
            problem.setType(java.net.URI.create("urn:lms:problem:" + slug));
            if (problem.getTitle() == null && resolved != null) {
                problem.setTitle(resolved.getReasonPhrase());
            }
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private static ResponseEntity<Object> body(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static FieldViolation toViolation(FieldError error) {
        return new FieldViolation(snakeCase(error.getField()), error.getDefaultMessage());
    }

    private static String parameterName(
            org.springframework.validation.method.ParameterValidationResult result, MessageSourceResolvable error) {
        var requestParam = result.getMethodParameter()
                .getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        var pathVariable = result.getMethodParameter()
                .getParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class);
        if (pathVariable != null && !pathVariable.name().isEmpty()) {
            return pathVariable.name();
        }
        String name = result.getMethodParameter().getParameterName();
        return name != null ? snakeCase(name) : "parameter";
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String lastNode(String propertyPath) {
        int dot = propertyPath.lastIndexOf('.');
        return snakeCase(dot >= 0 ? propertyPath.substring(dot + 1) : propertyPath);
    }

    /** Request records are written in camelCase in Java and snake_case on the wire. */
    static String snakeCase(String javaPath) {
        return javaPath.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static String describe(List<FieldViolation> violations) {
        if (violations.isEmpty()) {
            return "The request is not valid";
        }
        return violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
    }
}
