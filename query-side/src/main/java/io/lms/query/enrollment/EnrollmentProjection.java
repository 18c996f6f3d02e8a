package io.lms.query.enrollment;

import static com.mongodb.client.model.Updates.set;
import static io.lms.query.support.Documents.date;
import static io.lms.query.support.Documents.oid;

import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.api.enrollment.ContentProgressRecordedEvent;
import io.lms.api.enrollment.EnrollmentCompletedEvent;
import io.lms.api.enrollment.ProgressStatus;
import io.lms.api.enrollment.QuizAttemptedEvent;
import io.lms.api.enrollment.ReviewDeletedEvent;
import io.lms.api.enrollment.ReviewEditedEvent;
import io.lms.api.enrollment.ReviewWrittenEvent;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentReenrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.query.course.CourseFigures;
import io.lms.query.course.CourseProjection;
import io.lms.query.support.VersionedBatch;
import java.time.Instant;
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
 * The {@code enrollments} and {@code progress} read models, as collections.md documents them, plus the
 * enrollment's {@code status} and, in both, {@code version}: the Enrollment aggregate's version they reflect.
 * Every event of an enrollment moves its enrollment document to that version (reviews and the certificate too),
 * so a read with {@code min_version} after any command on the enrollment finds it.
 *
 * <p>It belongs to the {@code courses} processing group, sequenced by course, because it also keeps the course's
 * {@code enrollment_count}: the active enrollments of the course, counted again from this collection after each
 * change, so that a redelivered or replayed event leaves the same count, never a drifted one.
 *
 * <p>Its writes go through {@link VersionedBatch}: a batch of events is written with one read and one bulk write
 * per collection, and the count is taken once per course after them. Nothing else in the group reads these
 * collections while handling events.
 */
@Component
@ProcessingGroup(CourseProjection.NAME)
public class EnrollmentProjection {

    private final EnrollmentReadModel readModel;
    private final CourseFigures figures;

    public EnrollmentProjection(EnrollmentReadModel readModel, CourseFigures figures) {
        this.readModel = readModel;
        this.figures = figures;
    }

    @EventHandler
    void on(StudentEnrolledEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        VersionedBatch.upsert(
                readModel.enrollments(),
                oid(event.enrollmentId()),
                version,
                List.of(
                        set("user_id", oid(event.studentId())),
                        set("course_id", oid(event.courseId())),
                        set("status", EnrollmentReadModel.ACTIVE),
                        set("enrolled_at", date(at)),
                        set("completed_at", null),
                        set("progress", 0.0),
                        set("last_accessed", date(at))));
        recount(event.courseId());
    }

    /** The enrollment is active again with its history; {@code enrolled_at} stays the first enrollment's. */
    @EventHandler
    void on(StudentReenrolledEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        updateEnrollment(
                event.enrollmentId(),
                version,
                set("status", EnrollmentReadModel.ACTIVE),
                set("progress", event.courseProgress()),
                set("last_accessed", date(at)));
        recount(event.courseId());
    }

    @EventHandler
    void on(StudentUnenrolledEvent event, @SequenceNumber long version) {
        updateEnrollment(event.enrollmentId(), version, set("status", "unenrolled"));
        recount(event.courseId());
    }

    @EventHandler
    void on(ContentProgressRecordedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        List<Bson> updates = new ArrayList<>(progressOf(event.studentId(), event.courseId(), event.contentId()));
        updates.add(set("status", event.status().name().toLowerCase(Locale.ROOT)));
        if (event.contentProgress() != null) {
            updates.add(set("progress", event.contentProgress()));
        }
        updates.add(set("updated_at", date(at)));
        VersionedBatch.upsert(
                readModel.progress(),
                EnrollmentReadModel.progressId(event.enrollmentId(), event.contentId()),
                version,
                updates);
        updateEnrollment(
                event.enrollmentId(), version, set("progress", event.courseProgress()), set("last_accessed", date(at)));
    }

    /** An attempt completes the quiz item; the document keeps the best score of all attempts. */
    @EventHandler
    void on(QuizAttemptedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        List<Bson> updates = new ArrayList<>(progressOf(event.studentId(), event.courseId(), event.contentId()));
        updates.add(set("status", ProgressStatus.COMPLETED.name().toLowerCase(Locale.ROOT)));
        updates.add(set("quiz_score", event.bestScore()));
        updates.add(set("updated_at", date(at)));
        VersionedBatch.upsert(
                readModel.progress(),
                EnrollmentReadModel.progressId(event.enrollmentId(), event.contentId()),
                version,
                updates);
        updateEnrollment(
                event.enrollmentId(), version, set("progress", event.courseProgress()), set("last_accessed", date(at)));
    }

    @EventHandler
    void on(EnrollmentCompletedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        updateEnrollment(event.enrollmentId(), version, set("completed_at", date(at)));
    }

    @EventHandler
    void on(CertificateIssuedEvent event, @SequenceNumber long version) {
        updateEnrollment(event.enrollmentId(), version);
    }

    @EventHandler
    void on(ReviewWrittenEvent event, @SequenceNumber long version) {
        updateEnrollment(event.enrollmentId(), version);
    }

    @EventHandler
    void on(ReviewEditedEvent event, @SequenceNumber long version) {
        updateEnrollment(event.enrollmentId(), version);
    }

    @EventHandler
    void on(ReviewDeletedEvent event, @SequenceNumber long version) {
        updateEnrollment(event.enrollmentId(), version);
    }

    @ResetHandler
    void reset() {
        readModel.enrollments().deleteMany(new Document());
        readModel.progress().deleteMany(new Document());
    }

    /**
     * Counted again whether or not the event changed the enrollment: a redelivery repairs a count it missed. Counted
     * once per course and batch of events, after the batch's enrollments are written.
     */
    private void recount(String courseId) {
        VersionedBatch.afterWrites(
                "enrollment_count " + courseId,
                () -> figures.setEnrollmentCount(courseId, readModel.activeEnrollmentsOf(courseId)));
    }

    private void updateEnrollment(String enrollmentId, long version, Bson... updates) {
        VersionedBatch.update(readModel.enrollments(), oid(enrollmentId), version, List.of(updates));
    }

    private static List<Bson> progressOf(String studentId, String courseId, String contentId) {
        return List.of(
                set("user_id", oid(studentId)), set("course_id", oid(courseId)), set("content_id", oid(contentId)));
    }
}
