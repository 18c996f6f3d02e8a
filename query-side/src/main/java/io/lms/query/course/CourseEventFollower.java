package io.lms.query.course;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the event store on a stream of its own and remembers, for every course, the latest event that changes
 * its document, until the {@code courses} projection is known to have passed that event.
 *
 * <p>No token is stored: each query node keeps its own position. Used by the {@link CatalogMirror}'s thread only,
 * except for the figures ({@link #position}, {@link #eventsRead}, {@link #awaitedCount}), which any thread reads.
 */
final class CourseEventFollower {

    private static final Logger log = LoggerFactory.getLogger(CourseEventFollower.class);

    /** The type Axon gives the events of the Course aggregate (its class's simple name). */
    static final String COURSE_AGGREGATE = "Course";

    private static final int MAX_EVENTS_PER_ROUND = 1_000;

    /**
     * A course whose document the event at {@code token} moves to {@code version} (its latest such event);
     * {@code figures}: an enrollment or review event changed its rating or enrollment count, which leaves the
     * version as it is, so the document is to be taken again at the same version.
     */
    record Awaited(long version, TrackingToken token, boolean figures) {

        Awaited merge(Awaited later) {
            return new Awaited(Math.max(version, later.version), later.token, figures || later.figures);
        }
    }

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final Map<ObjectId, Awaited> awaited = new HashMap<>();
    private BlockingStream<TrackedEventMessage<?>> stream;

    private volatile TrackingToken position;
    private volatile long eventsRead;
    private volatile int awaitedCount;

    CourseEventFollower(StreamableMessageSource<TrackedEventMessage<?>> events) {
        this.events = events;
    }

    boolean isOpen() {
        return stream != null;
    }

    /** Streams from just after {@code start} ({@code null}: from the first event). */
    void openAt(TrackingToken start) {
        position = start;
        stream = events.openStream(start);
    }

    /** Streams on from the last event read (after a failure closed the stream). */
    void reopen() {
        stream = events.openStream(position);
    }

    /**
     * Reads what the store has within a short wait (shorter while changes are awaited), at most 1,000 events. An
     * event of a course awaits that course's document at the event's version unless {@code heldVersion} already
     * holds that version or a newer one; an enrollment or review event that changes the course's figures always
     * awaits it.
     */
    void read(ToLongFunction<ObjectId> heldVersion) throws InterruptedException {
        long wait = awaited.isEmpty() ? 200 : 20;
        if (stream.hasNextAvailable((int) wait, TimeUnit.MILLISECONDS)) {
            int seen = 0;
            do {
                TrackedEventMessage<?> event = stream.nextAvailable();
                note(event, heldVersion);
                position = event.trackingToken();
                eventsRead++;
                seen++;
            } while (seen < MAX_EVENTS_PER_ROUND && stream.hasNextAvailable());
        }
        awaitedCount = awaited.size();
    }

    private void note(TrackedEventMessage<?> event, ToLongFunction<ObjectId> heldVersion) {
        courseOf(event).ifPresent(course -> {
            boolean figures = !isCourseEvent(event);
            long version = figures ? -1 : ((DomainEventMessage<?>) event).getSequenceNumber();
            if (figures || heldVersion.applyAsLong(course) < version) {
                awaited.merge(course, new Awaited(version, event.trackingToken(), figures), Awaited::merge);
            }
        });
    }

    private static boolean isCourseEvent(TrackedEventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain && COURSE_AGGREGATE.equals(domain.getType());
    }

    /**
     * The course whose document an event changes: a course's own events, by their aggregate id, read without
     * deserializing the payload; and the enrollment and review events that change its {@code rating} or
     * {@code enrollment_count} (only those payloads are deserialized, to read their course).
     */
    static Optional<ObjectId> courseOf(TrackedEventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domain
                && COURSE_AGGREGATE.equals(domain.getType())
                && ObjectId.isValid(domain.getAggregateIdentifier())) {
            return Optional.of(new ObjectId(domain.getAggregateIdentifier()));
        }
        if (LearningEvents.changesCourseFigures(event.getPayloadType())) {
            return LearningEvents.courseOf(event.getPayload())
                    .filter(ObjectId::isValid)
                    .map(ObjectId::new);
        }
        return Optional.empty();
    }

    boolean awaitsAny() {
        return !awaited.isEmpty();
    }

    /** The awaited courses whose latest event the projection at {@code passed} has passed (still awaited). */
    Map<ObjectId, Awaited> passedBy(TrackingToken passed) {
        Map<ObjectId, Awaited> settled = new LinkedHashMap<>();
        awaited.forEach((course, change) -> {
            if (passed.covers(change.token())) {
                settled.put(course, change);
            }
        });
        return settled;
    }

    /** These courses' documents were read after the projection had passed their events: they are awaited no more. */
    void settled(Collection<ObjectId> courses) {
        courses.forEach(awaited::remove);
        awaitedCount = awaited.size();
    }

    void close() {
        BlockingStream<TrackedEventMessage<?>> s = stream;
        stream = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                log.debug("Closing the catalog mirror's event stream failed", e);
            }
        }
    }

    /** The last event read, or where the stream was opened. */
    TrackingToken position() {
        return position;
    }

    /** Events read from the store since start-up. */
    long eventsRead() {
        return eventsRead;
    }

    /** Courses with an event that the {@code courses} projection has not passed yet (a measure of its lag). */
    int awaitedCount() {
        return awaitedCount;
    }
}
