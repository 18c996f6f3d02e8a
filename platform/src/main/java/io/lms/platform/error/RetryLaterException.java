package io.lms.platform.error;

import io.lms.api.error.ErrorCode;

/** A refusal that tells the client when to try again ({@code Retry-After}). */
public class RetryLaterException extends DomainException {

    private final long retryAfterSeconds;

    public RetryLaterException(ErrorCode code, String detail, long retryAfterSeconds) {
        super(code, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
