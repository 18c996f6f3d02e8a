package io.lms.command.enrollment;

import io.lms.command.axon.BoundedAggregateCache;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@link CourseFacts} folded from the Course aggregate's events in the event store, so that an enrollment decides
 * from the course's own history and never from a read model. Each course's facts are kept with the sequence
 * number of the last event folded into them; every lookup reads only the events stored after it (one indexed
 * query, usually answering nothing), so the facts are as current as the event store when the command is handled.
 *
 * <p>It reads with a first sequence number, which never returns a snapshot: a Course snapshot is the aggregate's
 * own state, which leaves the quiz answer keys out.
 */
@Component
class EventSourcedCourseFacts implements CourseFactsLookup {

    private record Folded(CourseFacts facts, long lastSequenceNumber) {}

    private static final Folded NOTHING = new Folded(CourseFacts.NONE, -1);

    private final EventStore eventStore;
    private final BoundedAggregateCache folded;

    EventSourcedCourseFacts(EventStore eventStore, @Value("${lms.course-facts.max-entries:10000}") int maxEntries) {
        this.eventStore = eventStore;
        this.folded = new BoundedAggregateCache(maxEntries);
    }

    @Override
    public Optional<CourseFacts> find(String courseId) {
        if (courseId == null) {
            return Optional.empty();
        }
        Folded known = folded.get(courseId);
        Folded current = foldNewEvents(courseId, known == null ? NOTHING : known);
        if (current != known && current.lastSequenceNumber() >= 0) {
            // two commands may fold one course at once: whichever is put last, the next lookup reads on from it
            folded.put(courseId, current);
        }
        return current.facts().exists() ? Optional.of(current.facts()) : Optional.empty();
    }

    private Folded foldNewEvents(String courseId, Folded from) {
        DomainEventStream stream = eventStore.readEvents(courseId, from.lastSequenceNumber() + 1);
        if (!stream.hasNext()) {
            return from;
        }
        CourseFacts facts = from.facts();
        long last = from.lastSequenceNumber();
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            facts = facts.with(event.getPayload());
            last = event.getSequenceNumber();
        }
        return new Folded(facts, last);
    }
}
