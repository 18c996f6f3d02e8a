package io.lms.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.lms.embedded.EmbeddedMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

/**
 * A store on the embedded memory server whose documents a test writes by hand, in the engine's layout, so that the
 * readers can be tested on states that only crashes and races produce: appends in flight, writers that died, old
 * gaps. It wires the parts as the engine does.
 */
final class PlantedStore implements AutoCloseable {

    final MongoClient client;
    final MongoDatabase database;
    final MongoCollection<BsonDocument> events;
    final MongoCollection<BsonDocument> counters;
    final ServerClock clock;
    final EventCounter counter;
    final SkipMarkers markers;
    final WholeAppends wholeAppends;
    final GapJudge judge;

    PlantedStore(EmbeddedMongo mongo, Duration gapTimeout, int batchSize) {
        client = MongoClients.create(mongo.connectionString());
        database = client.getDatabase("planted_" + UUID.randomUUID().toString().replace("-", ""));
        events = database.getCollection("events", BsonDocument.class);
        counters = database.getCollection("event_counters", BsonDocument.class);
        EventLayout.ensureIndexes(events);
        clock = new ServerClock(database);
        HeadObservations observations = new HeadObservations(gapTimeout.toNanos(), System::nanoTime);
        counter = new EventCounter(database, counters, clock, observations);
        markers = new SkipMarkers(events, clock, gapTimeout.toMillis());
        wholeAppends = new WholeAppends(events);
        judge = new GapJudge(gapTimeout.toMillis(), batchSize, clock::now, observations, GapJudge.probeOf(events));
    }

    /** Sets the counter to the head, last updated at the given server time. */
    void head(long head, Instant reservedAt) {
        counters.replaceOne(
                Filters.eq(EventLayout.ID, EventCounter.COUNTER_ID),
                new BsonDocument(EventLayout.ID, new BsonString(EventCounter.COUNTER_ID))
                        .append(EventLayout.HEAD, new BsonInt64(head))
                        .append(EventLayout.RESERVED_AT, new BsonDateTime(reservedAt.toEpochMilli())),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    /** A non-aggregate event at the index, alone in its append. */
    BsonDocument event(long index, Instant reservedAt) {
        BsonDocument document = document(index, "event-" + index, reservedAt);
        events.insertOne(document);
        return document;
    }

    /** An aggregate's event at the index, of the append [first, last] (alone when first == last). */
    BsonDocument aggregateEvent(long index, String aggregate, long sequence, long first, long last, Instant at) {
        BsonDocument document = document(index, aggregate + "-" + sequence, at)
                .append(EventLayout.AGGREGATE_KEY, new BsonString(EventLayout.aggregateKey(aggregate, sequence)))
                .append(EventLayout.AGGREGATE_ID, new BsonString(aggregate))
                .append(EventLayout.SEQUENCE_NUMBER, new BsonInt64(sequence));
        inAppend(document, first, last);
        events.insertOne(document);
        return document;
    }

    /** A non-aggregate event at the index, part of the append [first, last]. */
    BsonDocument appendEvent(long index, long first, long last, Instant reservedAt) {
        BsonDocument document = inAppend(document(index, "event-" + index, reservedAt), first, last);
        events.insertOne(document);
        return document;
    }

    void skipMarker(long index) {
        events.insertOne(EventLayout.skipMarker(index, clock.now()));
    }

    BsonDocument at(long index) {
        return events.find(Filters.eq(EventLayout.ID, index)).first();
    }

    Instant serverNow() {
        return clock.now();
    }

    private static BsonDocument inAppend(BsonDocument document, long first, long last) {
        if (first != last) {
            document.append(EventLayout.APPEND_FIRST, new BsonInt64(first))
                    .append(EventLayout.APPEND_LAST, new BsonInt64(last));
        }
        return document;
    }

    private static BsonDocument document(long index, String eventId, Instant reservedAt) {
        return new BsonDocument(EventLayout.ID, new BsonInt64(index))
                .append(EventLayout.EVENT_ID, new BsonString(eventId))
                .append(EventLayout.TIMESTAMP, new BsonDateTime(reservedAt.toEpochMilli()))
                .append(EventLayout.PAYLOAD_TYPE, new BsonString("java.lang.String"))
                .append(EventLayout.PAYLOAD, new BsonString("payload-" + index))
                .append(EventLayout.META_DATA, new BsonString("{}"))
                .append(EventLayout.RESERVED_AT, new BsonDateTime(reservedAt.toEpochMilli()));
    }

    @Override
    public void close() {
        database.drop();
        client.close();
    }
}
