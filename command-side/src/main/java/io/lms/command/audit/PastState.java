package io.lms.command.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * An aggregate as it was: {@code version} is the sequence number of its last applied event and {@code asOf} that
 * event's time; {@code state} holds the aggregate's own fields, as its event-sourcing handlers left them.
 */
record PastState(
        String aggregateType,
        String aggregateId,
        long version,
        Instant asOf,
        @Schema(
                        description =
                                "the aggregate's fields in snake_case, e.g. a course's title, slug, status, content and topics")
                ObjectNode state) {}
