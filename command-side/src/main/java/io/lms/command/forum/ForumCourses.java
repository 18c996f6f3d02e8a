package io.lms.command.forum;

import io.lms.api.forum.ForumCreatedEvent;
import io.lms.command.axon.BoundedAggregateCache;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Which course a forum belongs to and who teaches it, from the forum's first event. Neither ever changes (a forum
 * stays on its course, a course keeps its instructor), so the answers are kept, for at most {@code maxEntries}
 * forums, the most recently asked.
 */
class ForumCourses {

    /** The forum's course and that course's instructor. */
    record ForumCourse(String courseId, String instructorId) {}

    private final EventStore eventStore;
    private final BoundedAggregateCache known;

    ForumCourses(EventStore eventStore, int maxEntries) {
        this.eventStore = eventStore;
        this.known = new BoundedAggregateCache(maxEntries);
    }

    /** Empty when there is no such forum. */
    Optional<ForumCourse> of(String forumId) {
        ForumCourse course = known.get(forumId);
        if (course == null) {
            course = fromFirstEvent(forumId);
            if (course != null) {
                known.put(forumId, course);
            }
        }
        return Optional.ofNullable(course);
    }

    private ForumCourse fromFirstEvent(String forumId) {
        DomainEventStream events = eventStore.readEvents(forumId, 0);
        if (!events.hasNext()) {
            return null;
        }
        DomainEventMessage<?> first = events.next();
        if (!ForumCreatedEvent.class.equals(first.getPayloadType())) {
            return null;
        }
        ForumCreatedEvent created = (ForumCreatedEvent) first.getPayload();
        return new ForumCourse(created.courseId(), created.instructorId());
    }
}
