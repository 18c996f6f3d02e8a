package io.lms.query.notification;

import org.axonframework.eventhandling.TrackingToken;

/**
 * An event's place in the global stream, from the token its tracking processor hands over with it: what the
 * notifications group compares to tell which enrollments came before a course update, also when a batch is
 * handled again after a restart.
 */
final class StreamPosition {

    private StreamPosition() {}

    static long of(TrackingToken token) {
        return token.position()
                .orElseThrow(() -> new IllegalStateException("The tracking token " + token + " has no position"));
    }
}
