package io.lms.system.fault;

/**
 * A command the command side answered with 2xx: the aggregate it went to, the version it answered, the event it
 * must have stored (at that version or before, in the same command), and the read-model document that must
 * reflect it (its {@code version} at least {@code version} when {@code versioned}).
 */
record Acknowledged(
        String command,
        String aggregateId,
        long version,
        String eventType,
        String collection,
        String documentId,
        boolean versioned) {}
