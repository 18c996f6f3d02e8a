package io.lms.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One event of the audit trail, as {@code api.md} gives it, plus its global {@code position} (the cursor for
 * {@code after}) and the payload's {@code revision}.
 */
record AuditEvent(
        long position,
        String eventId,
        String aggregateType,
        String aggregateId,
        Long sequenceNumber,
        String type,
        String revision,
        Instant timestamp,
        JsonNode payload,
        Metadata metadata) {

    record Metadata(String userId, String correlationId, String causationId) {}
}
