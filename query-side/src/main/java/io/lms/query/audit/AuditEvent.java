package io.lms.query.audit;

import io.swagger.v3.oas.annotations.media.Schema;
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
        @Schema(type = "object", description = "the event's payload as serialized, without secret fields")
                StoredJson payload,
        Metadata metadata) {

    record Metadata(String userId, String correlationId, String causationId) {}
}
