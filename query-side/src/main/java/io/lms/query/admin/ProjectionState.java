package io.lms.query.admin;

/**
 * What an admin sees of one projection (an Axon tracking processor): how far it got, how far behind the event
 * store's head that is, and what it is doing. {@code replayProgress} is a percentage while replaying, else null;
 * {@code error} is the failing handler's message when {@code status} is {@code failed}.
 */
record ProjectionState(
        String name,
        long position,
        long head,
        long lagEvents,
        double lagSeconds,
        Status status,
        Double replayProgress,
        String error,
        int segmentsHere) {

    enum Status {
        RUNNING,
        REPLAYING,
        FAILED,
        STOPPED
    }
}
