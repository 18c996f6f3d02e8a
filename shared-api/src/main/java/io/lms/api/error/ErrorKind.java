package io.lms.api.error;

/** The class of a refusal; each maps to one HTTP status at the REST edge. */
public enum ErrorKind {
    INVALID,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    PRECONDITION_FAILED,
    TOO_MANY_REQUESTS,
    /** The service cannot answer yet (a read model still catching up); the client retries. */
    UNAVAILABLE
}
