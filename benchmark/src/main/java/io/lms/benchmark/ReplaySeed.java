package io.lms.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import io.lms.eventstore.StoredEvents;
import io.lms.platform.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * Seeds the replay benchmark's history straight into the event store's stored layout: the shared-api event
 * records, serialized by the services' own event serializer ({@code Json.eventMapper()}) into the engine's own
 * document ({@link StoredEvents#singleAppend}), with {@code _id} 1..N and the counter at N.
 * No token is written: the query side builds every projection from the first event when it starts.
 *
 * <p>The history, in commit order: {@link ReplayHistory#INSTRUCTORS} instructors and {@code N / 40} students register (one in
 * ten changes its profile); {@link ReplayHistory#COURSES} courses are created with 8 videos and 2 quizzes, published, and get a
 * forum; then enrollments, 64 at a time with their events interleaved: enrolled, each video started and completed,
 * each quiz attempted, completed; one in five writes a review, one in ten a forum post, one in twenty gets a
 * certificate, one in fifty unenrolls. About 21 events an enrollment; the history stops at exactly N events.
 */
final class ReplaySeed {

    private static final int BATCH = 2_000;

    private ReplaySeed() {}

    static void seed(String uri, long events) {
        try (MongoClient client = MongoClients.create(uri)) {
            Serializer serializer =
                    JacksonSerializer.builder().objectMapper(Json.eventMapper()).build();
            MongoDatabase database = SeedDatabase.emptyEventStore(client, serializer, serializer);
            MongoCollection<BsonDocument> stored = database.getCollection("events", BsonDocument.class);
            Instant base = Instant.now().minusSeconds(events / 1000 + 3600);
            long t0 = System.nanoTime();
            Iterator<Supplier<DomainEventMessage<?>>> history = new ReplayHistory(events / 40).iterator();
            List<BsonDocument> batch = new ArrayList<>(BATCH);
            long i = 0;
            while (i < events && history.hasNext()) {
                i++;
                DomainEventMessage<?> event = history.next().get();
                Instant at = base.plusMillis(i);
                batch.add(StoredEvents.singleAppend(i, at(event, at), serializer, at));
                if (batch.size() == BATCH) {
                    stored.insertMany(batch, new InsertManyOptions().ordered(true));
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                stored.insertMany(batch, new InsertManyOptions().ordered(true));
            }
            database.getCollection("event_counters")
                    .replaceOne(
                            new Document("_id", "events"),
                            new Document("_id", "events").append("head", i).append("reservedAt", new java.util.Date()),
                            new ReplaceOptions().upsert(true));
            System.out.printf(
                    Locale.ROOT, "[replay-benchmark] seeded %,d events in %.1f s%n", i, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static DomainEventMessage<?> at(DomainEventMessage<?> event, Instant at) {
        return new GenericDomainEventMessage<>(
                event.getType(),
                event.getAggregateIdentifier(),
                event.getSequenceNumber(),
                event.getPayload(),
                event.getMetaData(),
                event.getIdentifier(),
                at);
    }
}
