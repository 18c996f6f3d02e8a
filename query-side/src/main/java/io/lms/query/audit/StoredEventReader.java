package io.lms.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.BsonWriter;
import org.bson.codecs.BsonValueCodec;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;

/**
 * Turns a stored event document of the {@code events} collection into an {@link AuditEvent}, as the driver's codec
 * of the audit trail: one pass over the document's BSON, decoding the envelope's fields and skipping the others.
 * The payload is decoded as BSON and written later, straight from it, by {@link StoredJsonWriter} (which drops
 * fields named like a password or a hash: no event carries one by design, and this keeps it so should one ever be
 * added by mistake).
 */
final class StoredEventReader implements Codec<AuditEvent> {

    private static final BsonValueCodec VALUES = new BsonValueCodec();
    private static final DecoderContext CONTEXT = DecoderContext.builder().build();

    private final StoredJsonWriter writer;

    StoredEventReader(ObjectMapper mapper) {
        this.writer = new StoredJsonWriter(mapper);
    }

    /** Reads an event already decoded as a document. */
    AuditEvent read(BsonDocument stored) {
        return decode(new BsonDocumentReader(stored), CONTEXT);
    }

    @Override
    public AuditEvent decode(BsonReader reader, DecoderContext context) {
        Envelope envelope = new Envelope();
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            envelope.read(reader.readName(), reader);
        }
        reader.readEndDocument();
        return envelope.toEvent();
    }

    @Override
    public void encode(BsonWriter writer, AuditEvent value, EncoderContext context) {
        throw new UnsupportedOperationException("the audit trail only reads the event store");
    }

    @Override
    public Class<AuditEvent> getEncoderClass() {
        return AuditEvent.class;
    }

    /** The envelope's fields as the pass meets them. */
    private final class Envelope {
        private Long position;
        private String eventId;
        private String aggregateType;
        private String aggregateId;
        private Long sequenceNumber;
        private String payloadType;
        private String revision;
        private Instant timestamp;
        private BsonValue payload;
        private AuditEvent.Metadata metadata = new AuditEvent.Metadata(null, null, null);

        void read(String field, BsonReader reader) {
            switch (field) {
                case "_id" -> position = reader.readInt64();
                case "eventId" -> eventId = reader.readString();
                case "aggregateType" -> aggregateType = reader.readString();
                case "aggregateId" -> aggregateId = text(reader);
                case "sequenceNumber" -> sequenceNumber = reader.readInt64();
                case "payloadType" -> payloadType = reader.readString();
                case "payloadRevision" -> revision = text(reader);
                case "timestamp" -> timestamp = Instant.ofEpochMilli(reader.readDateTime());
                case "payload" -> payload = VALUES.decode(reader, CONTEXT);
                case "metaData" -> metadata = metadata(reader);
                default -> reader.skipValue();
            }
        }

        AuditEvent toEvent() {
            AuditedAggregateType known = aggregateType == null ? null : AuditedAggregateType.fromStored(aggregateType);
            return new AuditEvent(
                    position,
                    eventId,
                    known != null ? known.apiName() : aggregateType,
                    aggregateId,
                    sequenceNumber,
                    EventTypes.simpleName(payloadType),
                    revision,
                    timestamp,
                    new StoredJson(payload, writer),
                    metadata);
        }
    }

    /** The metadata's three ids: from the embedded document, or from the serialized text it was stored as. */
    private AuditEvent.Metadata metadata(BsonReader reader) {
        BsonType type = reader.getCurrentBsonType();
        if (type == BsonType.DOCUMENT) {
            return embeddedMetadata(reader);
        }
        if (type == BsonType.STRING) {
            JsonNode metadata = writer.parseText(reader.readString());
            return new AuditEvent.Metadata(
                    text(metadata, "user_id"), text(metadata, "correlation_id"), text(metadata, "causation_id"));
        }
        reader.skipValue();
        return new AuditEvent.Metadata(null, null, null);
    }

    private static AuditEvent.Metadata embeddedMetadata(BsonReader reader) {
        String userId = null;
        String correlationId = null;
        String causationId = null;
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            switch (reader.readName()) {
                case "user_id" -> userId = text(reader);
                case "correlation_id" -> correlationId = text(reader);
                case "causation_id" -> causationId = text(reader);
                default -> reader.skipValue();
            }
        }
        reader.readEndDocument();
        return new AuditEvent.Metadata(userId, correlationId, causationId);
    }

    /** The current value if it is a string, else null (and the value skipped). */
    private static String text(BsonReader reader) {
        if (reader.getCurrentBsonType() == BsonType.STRING) {
            return reader.readString();
        }
        reader.skipValue();
        return null;
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
