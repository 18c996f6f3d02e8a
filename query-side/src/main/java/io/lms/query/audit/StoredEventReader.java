package io.lms.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Turns a stored event document of the {@code events} collection into an {@link AuditEvent}; its payload is
 * written later, straight from the BSON, by {@link StoredJsonWriter} (which drops fields named like a password or
 * a hash: no event carries one by design, and this keeps it so should one ever be added by mistake).
 */
final class StoredEventReader {

    private final StoredJsonWriter writer;

    StoredEventReader(ObjectMapper mapper) {
        this.writer = new StoredJsonWriter(mapper);
    }

    AuditEvent read(BsonDocument stored) {
        String aggregateType = stored.containsKey("aggregateType")
                ? stored.getString("aggregateType").getValue()
                : null;
        AuditedAggregateType known = aggregateType == null ? null : AuditedAggregateType.fromStored(aggregateType);
        return new AuditEvent(
                stored.getInt64("_id").getValue(),
                stored.getString("eventId").getValue(),
                known != null ? known.apiName() : aggregateType,
                text(stored, "aggregateId"),
                stored.containsKey("sequenceNumber")
                        ? stored.getInt64("sequenceNumber").getValue()
                        : null,
                EventTypes.simpleName(stored.getString("payloadType").getValue()),
                text(stored, "payloadRevision"),
                Instant.ofEpochMilli(stored.getDateTime("timestamp").getValue()),
                new StoredJson(stored.get("payload"), writer),
                metadata(stored.get("metaData")));
    }

    /** The metadata's three ids: from the embedded document, or from the serialized text it was stored as. */
    private AuditEvent.Metadata metadata(BsonValue stored) {
        if (stored != null && stored.isDocument()) {
            BsonDocument metadata = stored.asDocument();
            return new AuditEvent.Metadata(
                    text(metadata, "user_id"), text(metadata, "correlation_id"), text(metadata, "causation_id"));
        }
        if (stored != null && stored.isString()) {
            JsonNode metadata = writer.parseText(stored.asString().getValue());
            return new AuditEvent.Metadata(
                    text(metadata, "user_id"), text(metadata, "correlation_id"), text(metadata, "causation_id"));
        }
        return new AuditEvent.Metadata(null, null, null);
    }

    private static String text(BsonDocument document, String field) {
        BsonValue value = document.get(field);
        return value != null && value.isString() ? value.asString().getValue() : null;
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
