package io.lms.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.Price;
import io.lms.query.certificate.CertificateProjection;
import io.lms.query.certificate.CertificateReadModel;
import io.lms.query.course.CourseFigures;
import io.lms.query.course.CourseProjection;
import io.lms.query.course.CourseReadModel;
import io.lms.query.enrollment.EnrollmentProjection;
import io.lms.query.enrollment.EnrollmentReadModel;
import io.lms.query.review.ReviewProjection;
import io.lms.query.review.ReviewReadModel;
import io.lms.query.support.ReadModelCollections;
import io.lms.query.support.WireServer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * The {@code courses} processing group's projections (course, enrollment, review, certificate) on a fresh
 * database of the wire server, driven through Axon's annotation adapters, so that {@code @SequenceNumber} and
 * {@code @Timestamp} are resolved as the processor resolves them. Every event handled is kept, so that a test can
 * deliver the history again (as after a crash) or replay it from a reset.
 */
public final class LearningProjections {

    public static final String TEACHER = "6b06eb3caa76f936f62db6f1";
    public static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123Z");
    public static final List<String> COLLECTIONS =
            List.of("courses", "content", "enrollments", "progress", "reviews", "certificates");

    private final MongoDatabaseFactory database;
    private final List<AnnotationEventHandlerAdapter> handlers;
    private final List<EventMessage<?>> history = new ArrayList<>();

    public LearningProjections(String databaseName) {
        this.database = WireServer.freshDatabase(databaseName);
        CourseReadModel courses = new CourseReadModel(ReadModelCollections.of(database));
        CourseFigures figures = new CourseFigures(courses);
        this.handlers = List.of(
                new AnnotationEventHandlerAdapter(new CourseProjection(courses)),
                new AnnotationEventHandlerAdapter(
                        new EnrollmentProjection(new EnrollmentReadModel(ReadModelCollections.of(database)), figures)),
                new AnnotationEventHandlerAdapter(
                        new ReviewProjection(new ReviewReadModel(ReadModelCollections.of(database)), figures)),
                new AnnotationEventHandlerAdapter(
                        new CertificateProjection(new CertificateReadModel(ReadModelCollections.of(database)))));
    }

    public MongoDatabaseFactory database() {
        return database;
    }

    /** A course created and published by {@link #TEACHER}, at versions 0 and 1. */
    public void publishedCourse(String courseId) {
        CourseDetails details = new CourseDetails(
                "Course " + courseId,
                "course-" + courseId,
                "A course",
                "programming",
                List.of("java"),
                CourseLevel.BEGINNER,
                List.of(),
                List.of(),
                new Price(new BigDecimal("10.00"), "EUR"));
        handle("Course", courseId, 0, new CourseCreatedEvent(courseId, TEACHER, details), T0);
        handle("Course", courseId, 1, new CoursePublishedEvent(courseId, TEACHER, details.title()), T0);
    }

    /** An event of the Enrollment aggregate {@code enrollmentId} at {@code version}. */
    public void enrollment(String enrollmentId, long version, Object payload, Instant at) {
        handle("Enrollment", enrollmentId, version, payload, at);
    }

    public void handle(String type, String aggregateId, long version, Object payload, Instant at) {
        EventMessage<?> message = new GenericDomainEventMessage<>(
                type, aggregateId, version, payload, MetaData.emptyInstance(), new ObjectId().toHexString(), at);
        history.add(message);
        deliver(message);
    }

    /** Every event handled so far, in order. */
    public List<EventMessage<?>> history() {
        return List.copyOf(history);
    }

    /** {@code events} delivered as the {@code courses} processor does, in batches of {@code size} (BatchedDelivery). */
    public void deliverInBatches(List<EventMessage<?>> events, int size) {
        BatchedDelivery.inBatches(handlers, events, size);
    }

    /** Every event handled so far, delivered again in order, as after a crash before the token was stored. */
    public void redeliverAll() {
        new ArrayList<>(history).forEach(this::deliver);
    }

    /** A reset of the processing group, then every event from the first, as a replay does. */
    public void replayAll() {
        for (AnnotationEventHandlerAdapter handler : handlers) {
            handler.prepareReset();
        }
        new ArrayList<>(history).forEach(this::deliver);
    }

    public Document document(String collection, Object id) {
        return database.getMongoDatabase()
                .getCollection(collection)
                .find(Filters.eq("_id", id instanceof String s ? new ObjectId(s) : id))
                .first();
    }

    /** Every document of the read models, by collection, in {@code _id} order. */
    public Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> all = new LinkedHashMap<>();
        for (String name : COLLECTIONS) {
            MongoCollection<Document> collection = database.getMongoDatabase().getCollection(name);
            all.put(name, collection.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        }
        return all;
    }

    private void deliver(EventMessage<?> message) {
        for (AnnotationEventHandlerAdapter handler : handlers) {
            try {
                if (handler.canHandle(message)) {
                    handler.handle(message);
                }
            } catch (Exception e) {
                throw new IllegalStateException(
                        "handling " + message.getPayloadType().getSimpleName(), e);
            }
        }
    }
}
