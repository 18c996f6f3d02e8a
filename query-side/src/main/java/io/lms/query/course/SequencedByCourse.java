package io.lms.query.course;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

/**
 * The {@code courses} processing group handles the events of one course one at a time, the course's own and its
 * enrollments' alike: the enrollment and review projections write the course's {@code enrollment_count} and
 * {@code rating}, counted from their collections, and two such counts of one course must not interleave, however
 * many segments (and nodes) share the processor. An enrollment's events stay in order, as they all name the same
 * course.
 */
final class SequencedByCourse implements SequencingPolicy<EventMessage<?>> {

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        return LearningEvents.courseOf(event.getPayload())
                .map(Object.class::cast)
                .orElseGet(() -> SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event));
    }
}
