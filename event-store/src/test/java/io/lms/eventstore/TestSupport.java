package io.lms.eventstore;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDocument;

/** Shared pieces of the event store tests. */
final class TestSupport {

    private TestSupport() {}

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    static final JacksonSerializer SERIALIZER =
            JacksonSerializer.builder().objectMapper(MAPPER).build();

    static MongoIndexedEventStorageEngine.Builder builder(com.mongodb.client.MongoDatabase database, Duration gap) {
        return MongoIndexedEventStorageEngine.builder()
                .mongoDatabase(database)
                .eventSerializer(SERIALIZER)
                .snapshotSerializer(SERIALIZER)
                .gapTimeout(gap);
    }

    /** An engine whose inserts go through a hook: the tests hold commits back or make them fail with it. */
    static final class HookedEngine extends MongoIndexedEventStorageEngine {
        private final Consumer<List<BsonDocument>> beforeInsert;

        HookedEngine(MongoIndexedEventStorageEngine.Builder builder, Consumer<List<BsonDocument>> beforeInsert) {
            super(builder);
            this.beforeInsert = beforeInsert;
        }

        @Override
        protected void insertEventDocuments(List<BsonDocument> documents) {
            beforeInsert.accept(documents);
            super.insertEventDocuments(documents);
        }
    }

    /** What a {@link WrappedInsertEngine} does instead of its insert; {@code proceed} runs the real one. */
    interface InsertWrapper {
        void insert(List<BsonDocument> documents, Consumer<List<BsonDocument>> proceed);
    }

    /**
     * An engine whose group inserts go through a wrapper: the tests look at the store right after the insert answered
     * (before the engine tidies a failed append), or insert only part of a group as a writer that dies would.
     */
    static final class WrappedInsertEngine extends MongoIndexedEventStorageEngine {
        private final InsertWrapper wrapper;

        WrappedInsertEngine(MongoIndexedEventStorageEngine.Builder builder, InsertWrapper wrapper) {
            super(builder);
            this.wrapper = wrapper;
        }

        @Override
        protected void insertEventDocuments(List<BsonDocument> documents) {
            wrapper.insert(documents, super::insertEventDocuments);
        }
    }

    /**
     * An engine that counts its counter updates and runs a hook before each one (with the update's
     * number, 1 for the first), so that the group-commit tests can hold the counter back while other appends queue up, or make it fail.
     */
    static final class CounterHookedEngine extends MongoIndexedEventStorageEngine {
        final java.util.concurrent.atomic.AtomicInteger counterUpdates =
                new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger groupInserts = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.function.IntConsumer beforeUpdate;

        CounterHookedEngine(
                MongoIndexedEventStorageEngine.Builder builder, java.util.function.IntConsumer beforeUpdate) {
            super(builder);
            this.beforeUpdate = beforeUpdate;
        }

        @Override
        protected void insertEventDocuments(List<BsonDocument> documents) {
            groupInserts.incrementAndGet();
            super.insertEventDocuments(documents);
        }

        @Override
        Reservation takeIndexes(int count) {
            int update = counterUpdates.incrementAndGet();
            beforeUpdate.accept(update);
            return super.takeIndexes(count);
        }
    }

    /** One pass over what the engine delivers now from the token (mayBlock false): it never waits. */
    static List<TrackedEventMessage<?>> readOnce(MongoIndexedEventStorageEngine engine, TrackingToken from) {
        List<TrackedEventMessage<?>> result = new ArrayList<>();
        TrackingToken token = from;
        while (true) {
            int before = result.size();
            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, false)) {
                stream.forEach(result::add);
            }
            if (result.size() == before) {
                return result;
            }
            token = result.get(result.size() - 1).trackingToken();
        }
    }

    static long position(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElseThrow();
    }

    static GapAwareTrackingToken gapAware(TrackingToken token) {
        return (GapAwareTrackingToken) token;
    }
}
