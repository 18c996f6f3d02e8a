package io.lms.eventstore;

import java.time.Instant;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.bson.BsonValue;

/**
 * An event (or snapshot) as read from its stored document, for Axon's upcasting and deserialization.
 *
 * <p>It keeps the timestamp as an {@link Instant} (Axon's {@code GenericDomainEventEntry} formats it to text and
 * parses it back) and renders the stored payload and metadata to JSON text only when someone asks for the data:
 * Axon deserializes both lazily, so a handler that never reads the metadata never pays for its text. The text is the
 * same as it was when rendered at once (see {@link JsonBson#write}).
 */
final class StoredEventData implements DomainEventData<String> {

    /** The type of serialized metadata, as Axon's own entries report it (serializers recognise it by its name). */
    private static final SerializedType META_DATA_TYPE = new SimpleSerializedType(MetaData.class.getName(), null);

    private final String type;
    private final String aggregateIdentifier;
    private final long sequenceNumber;
    private final String eventIdentifier;
    private final Instant timestamp;
    private final SerializedObject<String> payload;
    private final SerializedObject<String> metaData;

    StoredEventData(
            String type,
            String aggregateIdentifier,
            long sequenceNumber,
            String eventIdentifier,
            Instant timestamp,
            SerializedType payloadType,
            BsonValue payload,
            BsonValue metaData) {
        this.type = type;
        this.aggregateIdentifier = aggregateIdentifier;
        this.sequenceNumber = sequenceNumber;
        this.eventIdentifier = eventIdentifier;
        this.timestamp = timestamp;
        this.payload = new StoredText(payload, payloadType);
        this.metaData = new StoredText(metaData, META_DATA_TYPE);
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public String getAggregateIdentifier() {
        return aggregateIdentifier;
    }

    @Override
    public long getSequenceNumber() {
        return sequenceNumber;
    }

    @Override
    public String getEventIdentifier() {
        return eventIdentifier;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public SerializedObject<String> getMetaData() {
        return metaData;
    }

    @Override
    public SerializedObject<String> getPayload() {
        return payload;
    }

    @Override
    public String toString() {
        return "StoredEventData{eventIdentifier='" + eventIdentifier + "', aggregateIdentifier='" + aggregateIdentifier
                + "', sequenceNumber=" + sequenceNumber + ", payloadType=" + payload.getType() + "}";
    }

    /**
     * Serialized text that is rendered from the stored value (an embedded document or a string) on first use. The
     * rendering is idempotent and yields an immutable {@code String}, so concurrent first uses are harmless.
     */
    private static final class StoredText implements SerializedObject<String> {
        private final BsonValue stored;
        private final SerializedType type;
        private String text;

        StoredText(BsonValue stored, SerializedType type) {
            this.stored = stored;
            this.type = type;
        }

        @Override
        public Class<String> getContentType() {
            return String.class;
        }

        @Override
        public SerializedType getType() {
            return type;
        }

        @Override
        public String getData() {
            String rendered = text;
            if (rendered == null) {
                rendered = render(stored);
                text = rendered;
            }
            return rendered;
        }

        private static String render(BsonValue stored) {
            if (stored == null || stored.isNull()) {
                return null;
            }
            return stored.isDocument()
                    ? JsonBson.write(stored.asDocument())
                    : stored.asString().getValue();
        }

        @Override
        public String toString() {
            return "StoredText{type=" + type + "}";
        }
    }
}
