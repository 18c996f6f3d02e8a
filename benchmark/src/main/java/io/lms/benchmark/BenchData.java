package io.lms.benchmark;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

/** What the stores hold: the events, the aggregates that are loaded, the fill, and the raw baseline's copy. */
final class BenchData {

    private BenchData() {}

    static final int LOAD_AGGREGATES = 100; // 50 without and 50 with a snapshot
    static final int EVENTS_PER_LOADED_AGGREGATE = 50;
    static final long SNAPSHOT_AT = 40; // loading with a snapshot reads it and events 41..49
    static final int FILL_BATCH = 1_000;

    record BenchEvent(String courseId, String userId, long points, Instant at) {}

    record CourseState(String courseId, long version) {}

    static String loadAggregate(int i) {
        return "load-" + i;
    }

    static DomainEventMessage<?> appendEvent(String aggregate) {
        return new GenericDomainEventMessage<>(
                "Course",
                aggregate,
                0,
                new BenchEvent(aggregate, "user-1", 1, Instant.now()),
                MetaData.with("user_id", "user-1"));
    }

    static DomainEventMessage<?> snapshot(String aggregate) {
        return new GenericDomainEventMessage<>(
                "Course", aggregate, SNAPSHOT_AT, new CourseState(aggregate, SNAPSHOT_AT));
    }

    /**
     * Fills the store through the engine itself, 1,000 events per append (one counter update and one insertMany
     * each for ours). The 100 "load" aggregates get 50 events each, spread over the whole index range and each
     * appended alone (as a command appends its aggregate's events); the rest belong to aggregates of 10 events.
     */
    static void fill(BatchingEventStorageEngine engine, int size) {
        int loadEvents = LOAD_AGGREGATES * EVENTS_PER_LOADED_AGGREGATE;
        int stride = Math.max(1, size / loadEvents);
        long[] loadSequence = new long[LOAD_AGGREGATES];
        int loadWritten = 0;
        long filler = 0;
        Instant base = Instant.now().minus(Duration.ofDays(1));
        List<EventMessage<?>> batch = new ArrayList<>(FILL_BATCH);
        for (int i = 0; i < size; i++) {
            DomainEventMessage<?> event;
            if (i % stride == 0 && loadWritten < loadEvents) {
                int aggregate = loadWritten % LOAD_AGGREGATES;
                String id = loadAggregate(aggregate);
                event = new GenericDomainEventMessage<>(
                        "Course",
                        id,
                        loadSequence[aggregate]++,
                        new BenchEvent(id, "user-" + (i % 1000), i, base.plusMillis(i)),
                        MetaData.with("user_id", "user-" + (i % 1000)));
                loadWritten++;
                // a load aggregate's event is appended on its own, as one command's event is: were it part of a
                // 1,000-event append of other aggregates, a load would have to check that whole append (see
                // "Whole appends" in docs/event-store.md), which is not what the application writes
                if (!batch.isEmpty()) {
                    engine.appendEvents(batch);
                    batch = new ArrayList<>(FILL_BATCH);
                }
                engine.appendEvents(List.of(event));
                continue;
            } else {
                String id = "filler-" + (filler / 10);
                event = new GenericDomainEventMessage<>(
                        "Course",
                        id,
                        filler % 10,
                        new BenchEvent(id, "user-" + (i % 1000), i, base.plusMillis(i)),
                        MetaData.with("user_id", "user-" + (i % 1000)));
                filler++;
            }
            batch.add(event);
            if (batch.size() == FILL_BATCH) {
                engine.appendEvents(batch);
                batch = new ArrayList<>(FILL_BATCH);
            }
        }
        if (!batch.isEmpty()) {
            engine.appendEvents(batch);
        }
    }

    /**
     * Copies every document of {@code events} (indexes 1 to {@code head}) into {@code raw} with fresh {@code _id}s
     * (1, 2, ...), {@code aggregateKey}s and {@code eventId}s, 1,000 at a time ({@code $in} on {@code _id}, then one
     * {@code insertMany}). Returns the number copied.
     */
    static long copyEvents(MongoCollection<BsonDocument> events, MongoCollection<BsonDocument> raw, long head) {
        long copied = 0;
        for (long from = 1; from <= head; from += FILL_BATCH) {
            List<Long> ids = new ArrayList<>(FILL_BATCH);
            for (long id = from; id < from + FILL_BATCH && id <= head; id++) {
                ids.add(id);
            }
            List<BsonDocument> found = events.find(Filters.in("_id", ids)).into(new ArrayList<>());
            found.sort(Comparator.comparingLong(d -> d.getInt64("_id").getValue()));
            List<BsonDocument> copies = new ArrayList<>(found.size());
            for (BsonDocument document : found) {
                BsonDocument copy = new BsonDocument("_id", new BsonInt64(++copied));
                document.forEach((name, value) -> {
                    if (!name.equals("_id")) {
                        copy.put(name, value);
                    }
                });
                if (copy.containsKey("aggregateKey")) {
                    copy.put(
                            "aggregateKey",
                            new BsonString(
                                    "raw-" + copy.getString("aggregateKey").getValue()));
                }
                if (copy.containsKey("eventId")) {
                    copy.put("eventId", new BsonString(UUID.randomUUID().toString()));
                }
                copies.add(copy);
            }
            if (!copies.isEmpty()) {
                raw.insertMany(copies, new InsertManyOptions().ordered(false));
            }
        }
        return copied;
    }
}
