package io.lms.platform.axon.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentReenrolledEvent;
import io.lms.embedded.EmbeddedMongo;
import io.lms.platform.axon.AxonMongoConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

/**
 * A {@code StudentReenrolledEvent} stored at revision 1 (the fixture {@code events/StudentReenrolledEvent-1.json},
 * with {@code progress}) reads as revision 2 (with {@code course_progress}) through the event store both services
 * configure ({@link AxonMongoConfiguration}, the upcaster found by component scanning as the services find it): when
 * an aggregate is loaded ({@code readEvents}) and on a tracking stream, which is what every projection reads.
 */
class StudentReenrolledEventUpcasterTest {

    private static final String ENROLLMENT = "6b06eb3caa76f936f62db701";
    private static final String STUDENT = "6b06eb3caa76f936f62db6f2";
    private static final String COURSE = "6b06eb3caa76f936f62db700";
    private static final String INSTRUCTOR = "6b06eb3caa76f936f62db6f1";

    private EmbeddedMongo mongo;
    private MongoClient client;
    private AnnotationConfigApplicationContext context;
    private EventStorageEngine engine;
    private MongoCollection<Document> events;

    @BeforeEach
    void start() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.connectionString());
        context = new AnnotationConfigApplicationContext();
        context.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance());
        context.registerBean(MongoDatabaseFactory.class, () -> new SimpleMongoClientDatabaseFactory(client, "lms"));
        context.register(AxonMongoConfiguration.class);
        context.scan(StudentReenrolledEventUpcaster.class.getPackageName());
        context.refresh();
        engine = context.getBean(EventStorageEngine.class);
        events = client.getDatabase("lms").getCollection("events");
    }

    @AfterEach
    void stop() {
        context.close();
        client.close();
        mongo.close();
    }

    @Test
    void a_stored_revision_1_reads_as_revision_2_when_the_aggregate_is_loaded() throws IOException {
        storeHistoryWithOldReenrollment();

        List<Object> payloads = engine.readEvents(ENROLLMENT)
                .asStream()
                .map(e -> (Object) e.getPayload())
                .toList();

        assertThat(payloads)
                .containsExactly(
                        new StudentEnrolledEvent(ENROLLMENT, STUDENT, COURSE, INSTRUCTOR, "Intro to Rust"),
                        new StudentReenrolledEvent(ENROLLMENT, STUDENT, COURSE, INSTRUCTOR, "Intro to Rust", 37.5),
                        new StudentReenrolledEvent(ENROLLMENT, STUDENT, COURSE, INSTRUCTOR, "Intro to Rust", 50.0));
    }

    @Test
    void a_stored_revision_1_reads_as_revision_2_on_a_tracking_stream() throws Exception {
        storeHistoryWithOldReenrollment();

        List<Object> payloads = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream =
                context.getBean(EmbeddedEventStore.class).openStream(null)) {
            while (payloads.size() < 3 && stream.hasNextAvailable(10, TimeUnit.SECONDS)) {
                payloads.add(stream.nextAvailable().getPayload());
            }
        }

        assertThat(payloads.get(1))
                .isEqualTo(new StudentReenrolledEvent(ENROLLMENT, STUDENT, COURSE, INSTRUCTOR, "Intro to Rust", 37.5));
        assertThat(payloads.get(2))
                .isEqualTo(new StudentReenrolledEvent(ENROLLMENT, STUDENT, COURSE, INSTRUCTOR, "Intro to Rust", 50.0));
    }

    @Test
    void the_stored_document_keeps_the_shape_it_was_written_in() throws IOException {
        storeHistoryWithOldReenrollment();
        engine.readEvents(ENROLLMENT).asStream().forEach(e -> e.getPayload());

        Document old = events.find(Filters.eq("sequenceNumber", 1L)).first();
        Document current = events.find(Filters.eq("sequenceNumber", 2L)).first();

        assertThat(old.getString("payloadRevision")).isEqualTo("1");
        assertThat(old.get("payload", Document.class)).isEqualTo(Document.parse(fixture()));
        assertThat(current.getString("payloadRevision")).isEqualTo("2");
        assertThat(current.get("payload", Document.class).getDouble("course_progress"))
                .isEqualTo(50.0);
        assertThat(current.get("payload", Document.class)).doesNotContainKey("progress");
    }

    /**
     * Enrolled (sequence 0), re-enrolled at revision 1 (sequence 1: appended by the engine, then given the stored
     * form of revision 1 from the fixture, as a document written before the rename is) and at revision 2 (sequence 2).
     */
    private void storeHistoryWithOldReenrollment() throws IOException {
        engine.appendEvents(
                event(0, new StudentEnrolledEvent(ENROLLMENT, STUDENT, COURSE, INSTRUCTOR, "Intro to Rust")),
                event(1, new StudentReenrolledEvent(ENROLLMENT, STUDENT, COURSE, INSTRUCTOR, "Intro to Rust", -1)));
        events.updateOne(
                Filters.eq("sequenceNumber", 1L),
                Updates.combine(
                        Updates.set("payloadRevision", "1"), Updates.set("payload", Document.parse(fixture()))));
        engine.appendEvents(
                event(2, new StudentReenrolledEvent(ENROLLMENT, STUDENT, COURSE, INSTRUCTOR, "Intro to Rust", 50.0)));
    }

    private static GenericDomainEventMessage<Object> event(long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Enrollment", ENROLLMENT, sequence, payload);
    }

    private static String fixture() throws IOException {
        try (InputStream in =
                StudentReenrolledEventUpcasterTest.class.getResourceAsStream("/events/StudentReenrolledEvent-1.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
