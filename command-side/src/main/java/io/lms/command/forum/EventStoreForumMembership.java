package io.lms.command.forum;

import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentReenrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Answers from the event store, the command side's source of truth. The course's instructor is in its first event
 * (a course keeps its instructor). An enrollment is active when the last of its enrolled, re-enrolled and unenrolled
 * events is not an unenrollment; its aggregate id is derived from the pair, so one stream is read. Streams are read
 * from sequence 0 and without snapshots, and only the payload types are looked at: the stored payloads are
 * deserialized lazily, so progress events of a long enrollment cost little. The forum gets it through
 * {@link RememberedMembership} ({@link ForumConfiguration}).
 */
class EventStoreForumMembership implements ForumMembership {

    private final EventStore eventStore;

    EventStoreForumMembership(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<String> courseInstructor(String courseId) {
        DomainEventStream events = eventStore.readEvents(courseId, 0);
        if (!events.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = events.next();
        if (!CourseCreatedEvent.class.equals(first.getPayloadType())) {
            return Optional.empty();
        }
        return Optional.of(((CourseCreatedEvent) first.getPayload()).instructorId());
    }

    @Override
    public boolean isActivelyEnrolled(String userId, String courseId) {
        DomainEventStream events = eventStore.readEvents(new EnrollmentKey(userId, courseId).enrollmentId(), 0);
        boolean active = false;
        while (events.hasNext()) {
            Class<?> type = events.next().getPayloadType();
            if (StudentEnrolledEvent.class.equals(type) || StudentReenrolledEvent.class.equals(type)) {
                active = true;
            } else if (StudentUnenrolledEvent.class.equals(type)) {
                active = false;
            }
        }
        return active;
    }
}
