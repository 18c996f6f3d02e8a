package io.lms.platform.error;

import java.io.IOException;

/** Raised while reading a request body that turns out larger than the limit (a chunked body has no length up front). */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
