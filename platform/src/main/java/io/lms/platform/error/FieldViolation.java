package io.lms.platform.error;

/** One invalid field of a request, as rendered in a problem's {@code errors} list. */
public record FieldViolation(String field, String message) {}
