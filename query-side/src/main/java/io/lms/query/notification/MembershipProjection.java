package io.lms.query.notification;

import static com.mongodb.client.model.Updates.set;
import static io.lms.query.support.Documents.oid;

import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentReenrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.query.support.VersionedBatch;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link CourseMembers} in the notifications processing group, so that the fan-out of a course update sees
 * the enrollments of exactly the events before it, in every run and replay. Each membership records the stream
 * positions of its last start ({@code since}) and its last end ({@code until}), so that a batch handled again after
 * a restart, whose later enrollment events are already recorded, still fans out to the members of its own moment.
 */
@Component
@ProcessingGroup(NotificationProjection.NAME)
public class MembershipProjection {

    private final CourseMembers members;

    public MembershipProjection(CourseMembers members) {
        this.members = members;
    }

    @EventHandler
    void on(StudentEnrolledEvent event, @SequenceNumber long version, TrackingToken token) {
        record(event.enrollmentId(), event.courseId(), event.studentId(), true, version, token);
    }

    @EventHandler
    void on(StudentReenrolledEvent event, @SequenceNumber long version, TrackingToken token) {
        record(event.enrollmentId(), event.courseId(), event.studentId(), true, version, token);
    }

    @EventHandler
    void on(StudentUnenrolledEvent event, @SequenceNumber long version, TrackingToken token) {
        record(event.enrollmentId(), event.courseId(), event.studentId(), false, version, token);
    }

    @ResetHandler
    void reset() {
        members.collection().deleteMany(new Document());
    }

    private void record(
            String enrollmentId, String courseId, String studentId, boolean active, long version, TrackingToken token) {
        VersionedBatch.upsert(
                members.collection(),
                oid(enrollmentId),
                version,
                List.of(
                        set("course_id", oid(courseId)),
                        set("student_id", oid(studentId)),
                        set("active", active),
                        set(active ? "since" : "until", StreamPosition.of(token))));
    }
}
