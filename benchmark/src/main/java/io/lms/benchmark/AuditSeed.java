package io.lms.benchmark;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;

/**
 * Seeds the audit benchmark's history straight into the event store's stored layout (docs/event-store.md,
 * "Collections, fields, indexes"): {@code events} documents with {@code _id} 1..N, the counter at N, the engine's
 * own indexes (created by building the engine on the empty database, so they are the ones the services expect),
 * and every projection's token at the head, so that the query side starts caught up and the measurement is not
 * shared with projections working through the history.
 *
 * <p>The history: 10,000 students, 200 courses, and enrollments of 25 events each ({@code StudentEnrolledEvent},
 * 20 {@code ContentProgressRecordedEvent}, 3 {@code QuizAttemptedEvent}, then {@code EnrollmentCompletedEvent}, or
 * {@code CertificateIssuedEvent} for one enrollment in a hundred), in the JSON the services store. Each event's
 * {@code user_id} is its student. So a student has {@code N / 250,000} enrollments' events, one enrollment 25
 * events, and certificates are {@code N / 2,500} events spread over the whole history.
 */
final class AuditSeed {

    static final int STUDENTS = 10_000;
    static final int COURSES = 200;
    static final int EVENTS_PER_ENROLLMENT = 25;
    static final List<String> PROCESSORS = List.of("users", "courses", "forums", "notifications", "course-analytics");
    private static final int BATCH = 2_000;
    private static final String API = "io.lms.api.enrollment.";

    private AuditSeed() {}

    static String student(long k) {
        return id(0x51, k % STUDENTS);
    }

    static String course(long k) {
        return id(0xC0, k % COURSES);
    }

    static String enrollment(long k) {
        return id(0xE0, k);
    }

    private static String id(int tag, long n) {
        return SeedDatabase.taggedId(tag, n);
    }

    static void seed(String uri, long events) {
        try (MongoClient client = MongoClients.create(uri)) {
            JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
            MongoDatabase database = SeedDatabase.emptyEventStore(client, serializer, serializer);
            MongoCollection<BsonDocument> stored = database.getCollection("events", BsonDocument.class);
            Instant base = Instant.now().minusSeconds(events / 1000 + 3600);
            long t0 = System.nanoTime();
            List<BsonDocument> batch = new ArrayList<>(BATCH);
            for (long i = 1; i <= events; i++) {
                batch.add(event(i, base.plusMillis(i)));
                if (batch.size() == BATCH || i == events) {
                    stored.insertMany(batch, new InsertManyOptions().ordered(true));
                    batch = new ArrayList<>(BATCH);
                }
            }
            database.getCollection("event_counters")
                    .replaceOne(
                            new Document("_id", "events"),
                            new Document("_id", "events")
                                    .append("head", events)
                                    .append("reservedAt", new java.util.Date()),
                            new ReplaceOptions().upsert(true));
            tokensAtHead(database, events);
            System.out.printf(
                    Locale.ROOT,
                    "[audit-benchmark] seeded %,d events in %.1f s%n",
                    events,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    /** The event at global index {@code i}: event {@code (i - 1) % 25} of enrollment {@code (i - 1) / 25}. */
    static BsonDocument event(long i, Instant at) {
        long k = (i - 1) / EVENTS_PER_ENROLLMENT;
        int sequence = (int) ((i - 1) % EVENTS_PER_ENROLLMENT);
        String enrollment = enrollment(k);
        String student = student(k);
        BsonDocument payload = new BsonDocument("enrollment_id", new BsonString(enrollment))
                .append("student_id", new BsonString(student))
                .append("course_id", new BsonString(course(k)));
        String type;
        if (sequence == 0) {
            type = "StudentEnrolledEvent";
            payload.append("instructor_id", new BsonString(id(0x7E, k % 50)))
                    .append("course_title", new BsonString("Course " + k % COURSES));
        } else if (sequence <= 20) {
            type = "ContentProgressRecordedEvent";
            payload.append("content_id", new BsonString(id(0xA0, sequence)))
                    .append("content_type", new BsonString("video"))
                    .append("status", new BsonString("completed"))
                    .append("content_progress", new BsonInt32(100))
                    .append("completed_items", new BsonInt32(sequence))
                    .append("total_items", new BsonInt32(23))
                    .append("course_progress", new BsonDouble(sequence * 100.0 / 23));
        } else if (sequence <= 23) {
            type = "QuizAttemptedEvent";
            payload.append("content_id", new BsonString(id(0xA0, sequence)))
                    .append("attempt", new BsonInt32(1))
                    .append("answers", new BsonArray(List.of(new BsonInt32(1), new BsonInt32(0))))
                    .append("correct", new BsonInt32(2))
                    .append("total", new BsonInt32(2))
                    .append("quiz_score", new BsonDouble(100.0))
                    .append("best_score", new BsonDouble(100.0))
                    .append("completed_items", new BsonInt32(sequence))
                    .append("total_items", new BsonInt32(23))
                    .append("course_progress", new BsonDouble(sequence * 100.0 / 23));
        } else if (k % 100 == 0) {
            type = "CertificateIssuedEvent";
            payload.append("certificate_id", new BsonString(id(0xCE, k)))
                    .append("course_title", new BsonString("Course " + k % COURSES))
                    .append("verification_code", new BsonString(HexFormat.of().toHexDigits(k) + "0".repeat(48)));
        } else {
            type = "EnrollmentCompletedEvent";
        }
        String correlation = UUID.randomUUID().toString();
        return new BsonDocument("_id", new BsonInt64(i))
                .append("eventId", new BsonString(UUID.randomUUID().toString()))
                .append(
                        "aggregateKey",
                        new BsonString(enrollment + "#" + String.format(Locale.ROOT, "%019d", sequence)))
                .append("aggregateId", new BsonString(enrollment))
                .append("aggregateType", new BsonString("Enrollment"))
                .append("sequenceNumber", new BsonInt64(sequence))
                .append("timestamp", new BsonDateTime(at.toEpochMilli()))
                .append("payloadType", new BsonString(API + type))
                .append("payloadRevision", new BsonString("1"))
                .append("payload", payload)
                .append(
                        "metaData",
                        new BsonDocument("user_id", new BsonString(student))
                                .append("correlation_id", new BsonString(correlation))
                                .append("causation_id", new BsonString(correlation)))
                .append("reservedAt", new BsonDateTime(at.toEpochMilli()));
    }

    /** Every projection of the query side at the head, in the token store's own format (axon-mongo's). */
    private static void tokensAtHead(MongoDatabase database, long head) {
        ObjectMapper mapper = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, Visibility.ANY);
        MongoTokenStore tokens = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(database)
                        .trackingTokensCollectionName("tracking_tokens")
                        .build())
                .serializer(JacksonSerializer.builder().objectMapper(mapper).build())
                .build();
        for (String processor : PROCESSORS) {
            tokens.initializeTokenSegments(processor, 1, GapAwareTrackingToken.newInstance(head, List.of()));
        }
    }
}
