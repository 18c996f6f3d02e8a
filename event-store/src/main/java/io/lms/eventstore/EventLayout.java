package io.lms.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The stored layout: field names, the unique indexes, and how events, snapshots and skip markers are encoded and read
 * back. See {@code docs/event-store.md} for the layout as a table.
 *
 * <p>Invariant: an event document's {@code _id} is its global index; {@code aggregateKey} (identifier, {@code #},
 * 19-digit sequence number) is unique among events, {@code snapshotKey} among snapshots; a document with
 * {@code skipped: true} is a skip marker and never an event. Encoding is deterministic, so the stored bytes depend
 * only on the message and the serializer.
 *
 * <p>Concurrency: stateless; every method is a pure function of its arguments (except {@link #ensureIndexes}, which
 * is idempotent on the server).
 */
final class EventLayout {

    private EventLayout() {}

    static final String ID = "_id";
    static final String EVENT_ID = "eventId";
    static final String AGGREGATE_KEY = "aggregateKey";
    static final String AGGREGATE_ID = "aggregateId";
    static final String AGGREGATE_TYPE = "aggregateType";
    static final String SEQUENCE_NUMBER = "sequenceNumber";
    static final String TIMESTAMP = "timestamp";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "payload";
    static final String META_DATA = "metaData";
    static final String RESERVED_AT = "reservedAt";
    static final String APPEND_FIRST = "appendFirst";
    static final String APPEND_LAST = "appendLast";
    static final String SKIPPED = "skipped";
    static final String SKIPPED_AT = "skippedAt";
    static final String SNAPSHOT_KEY = "snapshotKey";
    static final String HEAD = "head";

    static final String AGGREGATE_KEY_INDEX = "aggregateKey_unique";
    static final String EVENT_ID_INDEX = "eventId_unique";
    static final String SNAPSHOT_KEY_INDEX = "snapshotKey_unique";

    /** MongoDB's error code for a duplicate key. */
    static final int DUPLICATE_KEY = 11000;

    /** Creates the unique indexes of the events collection when they are missing. */
    static void ensureIndexes(MongoCollection<BsonDocument> events) {
        events.createIndex(
                Indexes.ascending(AGGREGATE_KEY),
                new IndexOptions().unique(true).sparse(true).name(AGGREGATE_KEY_INDEX));
        events.createIndex(
                Indexes.ascending(EVENT_ID),
                new IndexOptions().unique(true).sparse(true).name(EVENT_ID_INDEX));
    }

    /** Creates the unique index of the snapshots collection when it is missing. */
    static void ensureSnapshotIndex(MongoCollection<BsonDocument> snapshots) {
        snapshots.createIndex(
                Indexes.ascending(SNAPSHOT_KEY), new IndexOptions().unique(true).name(SNAPSHOT_KEY_INDEX));
    }

    /** The unique key of an aggregate's event: the identifier, {@code #}, and the 19-digit sequence number. */
    static String aggregateKey(String aggregateIdentifier, long sequenceNumber) {
        String digits = Long.toString(sequenceNumber);
        StringBuilder key = new StringBuilder(aggregateIdentifier.length() + 20).append(aggregateIdentifier);
        key.append('#');
        for (int i = digits.length(); i < 19; i++) {
            key.append('0');
        }
        return key.append(digits).toString();
    }

    /** An event's document without {@code _id} and the append fields, which the committer adds. */
    static BsonDocument eventDocument(EventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = serializer.serialize(event.getPayload(), String.class);
        SerializedObject<String> metaData = serializer.serialize(event.getMetaData(), String.class);
        BsonDocument document = new BsonDocument();
        document.put(EVENT_ID, new BsonString(event.getIdentifier()));
        if (event instanceof DomainEventMessage<?> domainEvent) {
            document.put(
                    AGGREGATE_KEY,
                    new BsonString(
                            aggregateKey(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber())));
            document.put(AGGREGATE_ID, new BsonString(domainEvent.getAggregateIdentifier()));
            if (domainEvent.getType() != null) {
                document.put(AGGREGATE_TYPE, new BsonString(domainEvent.getType()));
            }
            document.put(SEQUENCE_NUMBER, new BsonInt64(domainEvent.getSequenceNumber()));
        }
        putSerialized(document, event.getTimestamp(), payload, metaData);
        return document;
    }

    /** A snapshot's document: {@code _id} is the aggregate identifier (one snapshot per aggregate). */
    static BsonDocument snapshotDocument(DomainEventMessage<?> snapshot, Serializer serializer) {
        String aggregateId = snapshot.getAggregateIdentifier();
        long sequenceNumber = snapshot.getSequenceNumber();
        BsonDocument document = new BsonDocument(ID, new BsonString(aggregateId));
        document.put(SNAPSHOT_KEY, new BsonString(aggregateKey(aggregateId, sequenceNumber)));
        document.put(AGGREGATE_ID, new BsonString(aggregateId));
        if (snapshot.getType() != null) {
            document.put(AGGREGATE_TYPE, new BsonString(snapshot.getType()));
        }
        document.put(SEQUENCE_NUMBER, new BsonInt64(sequenceNumber));
        document.put(EVENT_ID, new BsonString(snapshot.getIdentifier()));
        putSerialized(
                document,
                snapshot.getTimestamp(),
                serializer.serialize(snapshot.getPayload(), String.class),
                serializer.serialize(snapshot.getMetaData(), String.class));
        return document;
    }

    private static void putSerialized(
            BsonDocument document,
            Instant timestamp,
            SerializedObject<String> payload,
            SerializedObject<String> metaData) {
        document.put(TIMESTAMP, new BsonDateTime(timestamp.toEpochMilli()));
        document.put(PAYLOAD_TYPE, new BsonString(payload.getType().getName()));
        if (payload.getType().getRevision() != null) {
            document.put(PAYLOAD_REVISION, new BsonString(payload.getType().getRevision()));
        }
        document.put(PAYLOAD, toStored(payload.getData()));
        document.put(META_DATA, toStored(metaData.getData()));
    }

    /** JSON objects are stored as documents (queryable); anything else as the serializer's text. */
    private static BsonValue toStored(String serialized) {
        BsonDocument asDocument = JsonBson.parseObject(serialized);
        return asDocument != null ? asDocument : new BsonString(serialized);
    }

    /** The marker that stands at an index that holds no event and never will. */
    static BsonDocument skipMarker(long index, Instant now) {
        BsonDocument marker = new BsonDocument(ID, new BsonInt64(index));
        marker.put(SKIPPED, BsonBoolean.TRUE);
        marker.put(SKIPPED_AT, new BsonDateTime(now.toEpochMilli()));
        return marker;
    }

    static boolean isSkipped(BsonDocument document) {
        return document.containsKey(SKIPPED);
    }

    /** The global index of an event or marker document. */
    static long indexOf(BsonDocument document) {
        return document.get(ID).asNumber().longValue();
    }

    static Instant dateOf(BsonValue value) {
        return Instant.ofEpochMilli(value.asDateTime().getValue());
    }

    /** An event or snapshot document as Axon's event data (payload and metadata rendered lazily). */
    static DomainEventData<?> domainEventData(BsonDocument document) {
        BsonValue aggregateId = document.get(AGGREGATE_ID);
        BsonValue type = document.get(AGGREGATE_TYPE);
        BsonValue sequence = document.get(SEQUENCE_NUMBER);
        BsonValue revision = document.get(PAYLOAD_REVISION);
        return new StoredEventData(
                type == null || type.isNull() ? null : type.asString().getValue(),
                aggregateId == null || aggregateId.isNull()
                        ? null
                        : aggregateId.asString().getValue(),
                sequence == null ? 0L : sequence.asNumber().longValue(),
                document.getString(EVENT_ID).getValue(),
                Instant.ofEpochMilli(document.getDateTime(TIMESTAMP).getValue()),
                new SimpleSerializedType(
                        document.getString(PAYLOAD_TYPE).getValue(),
                        revision == null || revision.isNull()
                                ? null
                                : revision.asString().getValue()),
                document.get(PAYLOAD),
                document.get(META_DATA));
    }
}
