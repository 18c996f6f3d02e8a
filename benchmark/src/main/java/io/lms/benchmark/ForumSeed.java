package io.lms.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import io.lms.api.common.Role;
import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentMetadata;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.Price;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.forum.ForumCreatedEvent;
import io.lms.api.forum.ForumPostAddedEvent;
import io.lms.api.user.Profile;
import io.lms.api.user.UserRegisteredEvent;
import io.lms.eventstore.StoredEvents;
import io.lms.platform.axon.RequestCorrelationDataProvider;
import io.lms.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * Seeds the forum benchmark's history into an empty event store in its stored layout (docs/event-store.md,
 * "Collections, fields, indexes"): each event a document as the engine stores an event appended alone, one command's
 * event (io.lms.eventstore.StoredEvents), with {@code _id} 1..N, the counter at N, the engine's own indexes, and the
 * services' event serializer (the platform's event mapper), from the shared-api event records the aggregates apply: an
 * instructor and {@code students} students registered, one course created with one content item and published,
 * every student enrolled, one forum opened and {@code posts} posts in it, written by the first 500 students in
 * turn, every other post a reply to a random earlier one. Each event carries the metadata the command side sets
 * ({@code user_id}, {@code correlation_id}, {@code causation_id}).
 *
 * <p>No snapshot is written and no tracking token: the forum's first load on the command side replays its history
 * and takes the snapshot the services would have taken, and the query side's projections build every read model from
 * these events, as after a restore. The command side's side collections (claimed usernames, emails and slugs,
 * password hashes) are not written: nobody signs in or registers under these names; the benchmark signs its
 * tokens with the system's key.
 *
 * <p>Writes a file of {@code key=value} lines for the benchmark: the ids, then {@code student=} lines (the
 * enrolled students in order) and {@code post=} lines (a random sample of the forum's posts, parents for replies).
 */
final class ForumSeed {

    static final int AUTHORS = 500;
    private static final int BATCH = 1_000;
    private static final int SAMPLE = 2_000;

    private final MongoCollection<BsonDocument> stored;
    private final Serializer serializer;
    private final Instant base;
    private final List<BsonDocument> pending = new ArrayList<>(BATCH);
    private long written;

    private ForumSeed(MongoCollection<BsonDocument> stored, Serializer serializer, Instant base) {
        this.stored = stored;
        this.serializer = serializer;
        this.base = base;
    }

    /** A 24-hex id as ObjectIds are: a tag, then a counter. */
    static String id(int tag, long n) {
        return String.format(Locale.ROOT, "%08x%016x", 0x6b000000 + tag, n);
    }

    static void seed(String uri, int posts, int students, Path out) {
        try (MongoClient client = MongoClients.create(uri)) {
            JacksonSerializer events =
                    JacksonSerializer.builder().objectMapper(Json.eventMapper()).build();
            JacksonSerializer state =
                    JacksonSerializer.builder().objectMapper(Json.stateMapper()).build();
            MongoDatabase database = SeedDatabase.emptyEventStore(client, events, state);
            long t0 = System.nanoTime();
            ForumSeed seed = new ForumSeed(
                    database.getCollection("events", BsonDocument.class),
                    events,
                    Instant.now().minusSeconds(3_600));
            List<String> lines = seed.history(posts, students);
            seed.flush();
            database.getCollection("event_counters")
                    .replaceOne(
                            new Document("_id", "events"),
                            new Document("_id", "events")
                                    .append("head", seed.written)
                                    .append("reservedAt", new Date()),
                            new ReplaceOptions().upsert(true));
            Files.write(out, lines);
            System.out.printf(
                    Locale.ROOT,
                    "[forum-benchmark] seeded %,d events (%,d posts, %,d enrolled students) in %.1f s%n",
                    seed.written,
                    posts,
                    students,
                    (System.nanoTime() - t0) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> history(int posts, int students) {
        String instructor = id(0x7e, 1);
        String course = id(0xc0, 1);
        String forum = id(0xf0, 1);
        List<String> lines = new ArrayList<>();
        lines.add("instructor=" + instructor);
        lines.add("course=" + course);
        lines.add("forum=" + forum);
        lines.add("posts=" + posts);
        append(
                "User",
                instructor,
                0,
                instructor,
                new UserRegisteredEvent(
                        instructor,
                        "bench-instructor",
                        "bench-instructor@example.com",
                        Role.INSTRUCTOR,
                        new Profile("Bench Instructor", null, null)));
        List<String> studentIds = new ArrayList<>(students);
        for (int s = 0; s < students; s++) {
            String student = id(0x51, s);
            studentIds.add(student);
            append(
                    "User",
                    student,
                    0,
                    student,
                    new UserRegisteredEvent(
                            student,
                            "bench-student-" + s,
                            "bench-student-" + s + "@example.com",
                            Role.STUDENT,
                            new Profile("Student " + s, null, null)));
        }
        String title = "Forum benchmark";
        append(
                "Course",
                course,
                0,
                instructor,
                new CourseCreatedEvent(
                        course,
                        instructor,
                        new CourseDetails(
                                title,
                                "forum-benchmark",
                                "A busy forum",
                                "programming",
                                List.of(),
                                CourseLevel.BEGINNER,
                                List.of(),
                                List.of(),
                                new Price(BigDecimal.ZERO, "EUR"))));
        append(
                "Course",
                course,
                1,
                instructor,
                new ContentAddedEvent(
                        course,
                        id(0xa0, 1),
                        instructor,
                        title,
                        CourseStatus.DRAFT,
                        ContentType.VIDEO,
                        new ContentFields(
                                "Welcome",
                                null,
                                0,
                                new ContentMetadata(null, null, null, null),
                                null,
                                List.of(),
                                null,
                                null)));
        append("Course", course, 2, instructor, new CoursePublishedEvent(course, instructor, title));
        for (String student : studentIds) {
            String enrollment = new EnrollmentKey(student, course).enrollmentId();
            append(
                    "Enrollment",
                    enrollment,
                    0,
                    student,
                    new StudentEnrolledEvent(enrollment, student, course, instructor, title));
            lines.add("student=" + student);
        }
        append(
                "Forum",
                forum,
                0,
                instructor,
                new ForumCreatedEvent(forum, course, instructor, instructor, "Big", "benchmark"));
        Random random = new Random(11);
        String[] postIds = new String[posts];
        String[] authors = new String[posts];
        for (int i = 0; i < posts; i++) {
            postIds[i] = id(0xb0, i);
            authors[i] = studentIds.get(i % Math.min(AUTHORS, students));
            String parent = null;
            String parentAuthor = null;
            if (i % 2 == 1) {
                int p = random.nextInt(i);
                parent = postIds[p];
                parentAuthor = authors[p];
            }
            String content = "Post number " + i + ": a question about the course, with a few words of context.";
            append(
                    "Forum",
                    forum,
                    i + 1L,
                    authors[i],
                    new ForumPostAddedEvent(
                            forum, postIds[i], course, authors[i], content, parent, parentAuthor, "Big"));
        }
        for (int k = 0; k < Math.min(SAMPLE, posts); k++) {
            lines.add("post=" + postIds[random.nextInt(posts)]);
        }
        return lines;
    }

    private void append(String type, String aggregateId, long sequence, String userId, Object payload) {
        String correlation = UUID.randomUUID().toString();
        Map<String, ?> metaData = Map.of(
                RequestCorrelationDataProvider.USER_ID, userId,
                RequestCorrelationDataProvider.CORRELATION_ID, correlation,
                RequestCorrelationDataProvider.CAUSATION_ID, correlation);
        long index = written + pending.size() + 1;
        Instant at = base.plusMillis(index);
        pending.add(StoredEvents.singleAppend(
                index,
                new GenericDomainEventMessage<>(
                        type,
                        aggregateId,
                        sequence,
                        payload,
                        metaData,
                        UUID.randomUUID().toString(),
                        at),
                serializer,
                at));
        if (pending.size() == BATCH) {
            flush();
        }
    }

    private void flush() {
        if (!pending.isEmpty()) {
            stored.insertMany(pending, new InsertManyOptions().ordered(true));
            written += pending.size();
            pending.clear();
        }
    }
}
