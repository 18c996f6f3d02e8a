package io.lms.query.notification;

import static io.lms.query.support.Documents.hex;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentDeletedEvent;
import io.lms.api.course.ContentEditedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentReenrolledEvent;
import io.lms.api.forum.ForumPostAddedEvent;
import io.lms.api.notification.AllNotificationsMarkedReadEvent;
import io.lms.api.notification.NotificationMarkedReadEvent;
import io.lms.api.notification.NotificationType;
import io.lms.query.support.Documents;
import io.lms.query.support.VersionedBatch;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@code notifications} read model, as collections.md documents it, derived from the events that concern a
 * user. Each notification's id comes from its cause (the post, the course event's sequence number, the
 * certificate, the enrollment event), so replays and redeliveries write each exactly once. Its {@code created_at}
 * is the causing event's time, so a rebuilt read model is the same document for document. The group writes each
 * batch of events in bulk ({@link io.lms.query.support.VersionedBatch}).
 */
@Component
@ProcessingGroup(NotificationProjection.NAME)
public class NotificationProjection {

    public static final String NAME = "notifications";

    private final NotificationWriter writer;
    private final CourseMembers members;
    private final NotificationReadModel readModel;

    public NotificationProjection(NotificationWriter writer, CourseMembers members, NotificationReadModel readModel) {
        this.writer = writer;
        this.members = members;
        this.readModel = readModel;
    }

    /** The parent's author hears of a reply, unless they wrote it themself. */
    @EventHandler
    void on(ForumPostAddedEvent event, @Timestamp Instant at) {
        if (event.parentAuthorId() != null && !event.parentAuthorId().equals(event.authorId())) {
            writer.notify(
                    event.parentAuthorId(),
                    NotificationType.FORUM_REPLY,
                    "forum_reply:" + event.postId(),
                    "New reply to your post in \"" + event.forumTitle() + "\"",
                    at);
        }
    }

    @EventHandler
    void on(ContentAddedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, TrackingToken token) {
        courseUpdate(
                event.courseId(),
                event.courseStatus(),
                sequence,
                token,
                "New in \"" + event.courseTitle() + "\": " + event.fields().title(),
                at);
    }

    @EventHandler
    void on(ContentEditedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, TrackingToken token) {
        courseUpdate(
                event.courseId(),
                event.courseStatus(),
                sequence,
                token,
                "Updated in \"" + event.courseTitle() + "\": " + event.contentTitle(),
                at);
    }

    @EventHandler
    void on(ContentDeletedEvent event, @SequenceNumber long sequence, @Timestamp Instant at, TrackingToken token) {
        courseUpdate(
                event.courseId(),
                event.courseStatus(),
                sequence,
                token,
                "Removed from \"" + event.courseTitle() + "\": " + event.contentTitle(),
                at);
    }

    @EventHandler
    void on(CertificateIssuedEvent event, @Timestamp Instant at) {
        writer.notify(
                event.studentId(),
                NotificationType.CERTIFICATE_ISSUED,
                "certificate_issued:" + event.certificateId(),
                "Your certificate for \"" + event.courseTitle() + "\" is ready",
                at);
    }

    @EventHandler
    void on(StudentEnrolledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        newEnrollment(event.enrollmentId(), event.instructorId(), event.courseTitle(), sequence, at);
    }

    @EventHandler
    void on(StudentReenrolledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        newEnrollment(event.enrollmentId(), event.instructorId(), event.courseTitle(), sequence, at);
    }

    /** Only a notification of this user is marked: the filter names both. */
    @EventHandler
    void on(NotificationMarkedReadEvent event) {
        VersionedBatch.flush(readModel.collection()); // the notification may be in the batch's pending writes
        readModel
                .collection()
                .updateOne(
                        Filters.and(
                                Filters.eq("_id", Documents.oid(event.notificationId())),
                                Filters.eq("user_id", Documents.oid(event.userId()))),
                        Updates.set("read", true));
    }

    /**
     * Marks those the user had when they asked: caused no later than this event. Under a redelivery of a batch,
     * notifications written after it by the first delivery stay unread.
     */
    @EventHandler
    void on(AllNotificationsMarkedReadEvent event, @Timestamp Instant at) {
        VersionedBatch.flush(readModel.collection());
        readModel
                .collection()
                .updateMany(
                        Filters.and(
                                Filters.eq("user_id", Documents.oid(event.userId())),
                                Filters.eq("read", false),
                                Filters.lte("created_at", Documents.date(at))),
                        Updates.set("read", true));
    }

    @ResetHandler
    void reset() {
        readModel.collection().deleteMany(new Document());
    }

    /** Every student actively enrolled at this point of the stream hears of it; drafts have no students. */
    private void courseUpdate(
            String courseId, CourseStatus status, long sequence, TrackingToken token, String content, Instant at) {
        if (status == CourseStatus.DRAFT) {
            return;
        }
        String cause = "course_update:" + courseId + ":" + sequence;
        members.forEachStudentAt(
                courseId,
                StreamPosition.of(token),
                student -> writer.notify(hex(student), NotificationType.COURSE_UPDATE, cause, content, at));
    }

    private void newEnrollment(
            String enrollmentId, String instructorId, String courseTitle, long sequence, Instant at) {
        writer.notify(
                instructorId,
                NotificationType.NEW_ENROLLMENT,
                "new_enrollment:" + enrollmentId + ":" + sequence,
                "A student enrolled in \"" + courseTitle + "\"",
                at);
    }
}
