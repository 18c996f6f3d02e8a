package io.lms.query.analytics;

import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;
import static io.lms.query.support.Documents.date;
import static io.lms.query.support.Documents.oid;

import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentDeletedEvent;
import io.lms.api.course.ContentEditedEvent;
import io.lms.api.course.CourseArchivedEvent;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.enrollment.ContentProgressRecordedEvent;
import io.lms.api.enrollment.EnrollmentCompletedEvent;
import io.lms.api.enrollment.ProgressStatus;
import io.lms.api.enrollment.QuizAttemptedEvent;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentReenrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.query.support.VersionedBatch;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Course analytics, built from nothing but the events of {@code shared-api} into its own two collections
 * ({@link CourseAnalyticsReadModel}): its own processing group, which starts at the first event of the store like
 * every projection here, so that it catches up with the whole history on its first start.
 *
 * <p>Each document belongs to one aggregate (a course, or an enrollment) and records the aggregate's version it
 * reflects; {@link VersionedBatch} ignores an event at or below it, so a redelivered or replayed event changes
 * nothing and the figures stay exact, and writes each batch of events at once. Each write changes one document, so
 * the default sequencing (per aggregate) is enough with any number of segments.
 */
@Component
@ProcessingGroup(CourseAnalyticsProjection.NAME)
public class CourseAnalyticsProjection {

    public static final String NAME = "course-analytics";

    private final CourseAnalyticsReadModel readModel;

    public CourseAnalyticsProjection(CourseAnalyticsReadModel readModel) {
        this.readModel = readModel;
    }

    @EventHandler
    void on(CourseCreatedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        VersionedBatch.upsert(
                readModel.courses(),
                oid(event.courseId()),
                version,
                List.of(
                        set("instructor_id", oid(event.instructorId())),
                        set("status", "draft"),
                        set("items", new Document()),
                        set("updated_at", date(at))));
    }

    @EventHandler
    void on(CoursePublishedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        course(event.courseId(), version, at, set("status", "published"));
    }

    @EventHandler
    void on(CourseArchivedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        course(event.courseId(), version, at, set("status", "archived"));
    }

    @EventHandler
    void on(ContentAddedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        Document item = new Document("order", event.fields().order())
                .append("title", event.fields().title())
                .append("type", event.type().name().toLowerCase(Locale.ROOT));
        course(event.courseId(), version, at, set("items." + event.contentId(), item));
    }

    @EventHandler
    void on(ContentEditedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        String item = "items." + event.contentId();
        List<Bson> changes = new ArrayList<>();
        if (event.changes().order() != null) {
            changes.add(set(item + ".order", event.changes().order()));
        }
        changes.add(set(item + ".title", event.contentTitle()));
        course(event.courseId(), version, at, changes.toArray(Bson[]::new));
    }

    @EventHandler
    void on(ContentDeletedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        course(event.courseId(), version, at, unset("items." + event.contentId()));
    }

    @EventHandler
    void on(StudentEnrolledEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        VersionedBatch.upsert(
                readModel.enrollments(),
                oid(event.enrollmentId()),
                version,
                List.of(
                        set("course_id", oid(event.courseId())),
                        set("student_id", oid(event.studentId())),
                        set(
                                "enrolled_on",
                                at.atOffset(ZoneOffset.UTC).toLocalDate().toString()),
                        set("active", true),
                        set("completed", false),
                        set("completed_items", List.of()),
                        set("quiz_best", new Document()),
                        set("updated_at", date(at))));
    }

    @EventHandler
    void on(StudentUnenrolledEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        enrollment(event.enrollmentId(), version, at, set("active", false));
    }

    @EventHandler
    void on(StudentReenrolledEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        enrollment(event.enrollmentId(), version, at, set("active", true));
    }

    /** Only a completion counts: where a student stops is measured by the items they completed. */
    @EventHandler
    void on(ContentProgressRecordedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        if (event.status() == ProgressStatus.COMPLETED) {
            enrollment(event.enrollmentId(), version, at, addToSet("completed_items", event.contentId()));
        }
    }

    /** An attempt completes the quiz item; the event carries the student's best score on it so far. */
    @EventHandler
    void on(QuizAttemptedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        enrollment(
                event.enrollmentId(),
                version,
                at,
                addToSet("completed_items", event.contentId()),
                set("quiz_best." + event.contentId(), event.bestScore()));
    }

    @EventHandler
    void on(EnrollmentCompletedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        enrollment(event.enrollmentId(), version, at, set("completed", true));
    }

    @ResetHandler
    void reset() {
        readModel.clear();
    }

    private void course(String courseId, long version, Instant at, Bson... changes) {
        VersionedBatch.update(readModel.courses(), oid(courseId), version, withTime(at, changes));
    }

    private void enrollment(String enrollmentId, long version, Instant at, Bson... changes) {
        VersionedBatch.update(readModel.enrollments(), oid(enrollmentId), version, withTime(at, changes));
    }

    private static List<Bson> withTime(Instant at, Bson... changes) {
        List<Bson> all = new ArrayList<>(List.of(changes));
        all.add(set("updated_at", date(at)));
        return all;
    }
}
