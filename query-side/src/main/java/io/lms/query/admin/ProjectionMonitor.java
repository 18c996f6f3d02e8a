package io.lms.query.admin;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.lms.query.admin.ProjectionState.Status;
import io.lms.query.support.ProjectionPositions;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.LongStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the state of every projection of this node: the position all its segments have passed (from the shared
 * token store, so segments claimed by other nodes count too), the event store's head, and what the local processor
 * reports (running, replaying with its progress, failed with the error).
 */
@Component
class ProjectionMonitor {

    private static final int WINDOW = 100;
    private static final int MAX_WINDOWS = 10;

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ProjectionPositions positions;
    private final MongoCollection<Document> events;
    private final ProjectionReplays replays;
    private final Clock clock;

    ProjectionMonitor(
            EventProcessingConfiguration processing,
            EventStore eventStore,
            ProjectionPositions positions,
            MongoDatabaseFactory databaseFactory,
            ProjectionReplays replays) {
        this.processing = processing;
        this.replays = replays;
        this.eventStore = eventStore;
        this.positions = positions;
        this.events = databaseFactory.getMongoDatabase().getCollection("events");
        this.clock = Clock.systemUTC();
    }

    List<ProjectionState> all() {
        long head = position(eventStore.createHeadToken());
        return processing.eventProcessors().values().stream()
                .filter(TrackingEventProcessor.class::isInstance)
                .map(TrackingEventProcessor.class::cast)
                .map(processor -> state(processor, head))
                .sorted(Comparator.comparing(ProjectionState::name))
                .toList();
    }

    Optional<ProjectionState> named(String name) {
        return processing
                .eventProcessor(name, TrackingEventProcessor.class)
                .map(processor -> state(processor, position(eventStore.createHeadToken())));
    }

    private ProjectionState state(TrackingEventProcessor processor, long head) {
        String name = processor.getName();
        long position =
                positions.passedBy(name).map(ProjectionMonitor::position).orElse(0L);
        // the counter's head may stand above the last event (indexes taken ahead, appends in flight): only an event
        // above the position is work left to do
        Optional<Date> firstUnhandled = firstEventAfter(position, head);
        long lag = firstUnhandled.isEmpty() ? 0 : Math.max(1, head - position);
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        Optional<EventTrackerStatus> failed =
                segments.stream().filter(EventTrackerStatus::isErrorState).findFirst();
        OptionalDouble replay = replayProgress(segments);
        Status status = failed.isPresent()
                ? Status.FAILED
                : replay.isPresent() ? Status.REPLAYING : processor.isRunning() ? Status.RUNNING : Status.STOPPED;
        ProjectionState state = new ProjectionState(
                name,
                position,
                head,
                lag,
                firstUnhandled.map(this::secondsSince).orElse(0.0),
                status,
                replay.isPresent() ? replay.getAsDouble() : null,
                failed.map(ProjectionMonitor::errorOf).orElse(null),
                segments.size());
        return replays.of(name).map(run -> withRebuild(state, run, head)).orElse(state);
    }

    /**
     * A rebuild into new collections ({@link ProjectionReplays}) shows as {@code replaying} with its progress while
     * it runs (the live processor stops for a moment during the switch), and as {@code failed} with its error once
     * it failed, until the next one; the live model serves meanwhile either way.
     */
    private static ProjectionState withRebuild(ProjectionState state, ProjectionReplays.Run run, long head) {
        if (run.active()) {
            return new ProjectionState(
                    state.name(),
                    state.position(),
                    state.head(),
                    state.lagEvents(),
                    state.lagSeconds(),
                    Status.REPLAYING,
                    run.progress(head),
                    state.error(),
                    state.segmentsHere());
        }
        if (run.phase() == ProjectionReplays.Phase.FAILED && state.status() != Status.FAILED) {
            return new ProjectionState(
                    state.name(),
                    state.position(),
                    state.head(),
                    state.lagEvents(),
                    state.lagSeconds(),
                    Status.FAILED,
                    null,
                    "replay failed: " + run.error(),
                    state.segmentsHere());
        }
        return state;
    }

    /** The least progress of the replaying segments, in percent of the position each replays up to. */
    private static OptionalDouble replayProgress(Collection<EventTrackerStatus> segments) {
        return segments.stream()
                .filter(EventTrackerStatus::isReplaying)
                .mapToDouble(status -> {
                    long reached = status.getCurrentPosition().orElse(0L);
                    long until = status.getResetPosition().orElse(0L);
                    return until <= 0 ? 100.0 : Math.min(100.0, 100.0 * reached / until);
                })
                .min();
    }

    /** The timestamp of the first event above {@code position}, the first one the projection has not handled. */
    /**
     * The time of the first event above {@code position}, read window by window with {@code _id $in} (events and
     * skip markers; a marker has no {@code eventId}): a range on {@code _id} is not served by the embedded server's
     * {@code _id} index and scanned the whole history on every call. Past {@link #MAX_WINDOWS} windows of markers
     * (no such history is known) it falls back to the range.
     */
    private Optional<Date> firstEventAfter(long position, long head) {
        for (int window = 0; window < MAX_WINDOWS; window++) {
            long from = position + 1 + (long) window * WINDOW;
            if (from > head) {
                return Optional.empty();
            }
            List<Long> ids = LongStream.rangeClosed(from, Math.min(head, from + WINDOW - 1))
                    .boxed()
                    .toList();
            Document first = null;
            for (Document stored :
                    events.find(Filters.in("_id", ids)).projection(new Document("timestamp", 1).append("eventId", 1))) {
                if (stored.containsKey("eventId") && (first == null || index(stored) < index(first))) {
                    first = stored;
                }
            }
            if (first != null) {
                return Optional.ofNullable(first.getDate("timestamp"));
            }
        }
        Document next = events.find(Filters.and(Filters.gt("_id", position), Filters.exists("eventId")))
                .sort(Sorts.ascending("_id"))
                .projection(new Document("timestamp", 1))
                .first();
        return next == null ? Optional.empty() : Optional.ofNullable(next.getDate("timestamp"));
    }

    private static long index(Document stored) {
        return stored.get("_id", Number.class).longValue();
    }

    private double secondsSince(Date stored) {
        return Math.max(0, Duration.between(stored.toInstant(), clock.instant()).toMillis() / 1000.0);
    }

    private static String errorOf(EventTrackerStatus status) {
        Throwable error = status.getError();
        return error == null ? "failed" : error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    private static long position(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }
}
