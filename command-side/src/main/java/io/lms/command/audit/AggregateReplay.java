package io.lms.command.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Rebuilds an aggregate as it was after a prefix of its history, with Axon's own machinery: its events are read
 * from the event store from sequence 0 (never from a snapshot, and through the upcasters), and an empty instance
 * made by the aggregate's factory is initialized from them by {@link EventSourcedAggregate#initializeState}, as the
 * repository does for a command. Nothing is stored or published, and no cached instance is touched.
 */
@Component
class AggregateReplay {

    /** The aggregate root after the replay, the sequence number of its last applied event, and that event's time. */
    record Replayed<T>(T root, long version, Instant asOf) {}

    private final EventStore events;
    private final AggregateModels models;

    AggregateReplay(EventStore events, AggregateModels models) {
        this.events = events;
        this.models = models;
    }

    /**
     * The aggregate of class {@code type} with identifier {@code id} after its events up to (not including) the first
     * one that {@code applied} refuses; empty when the identifier has no such events or belongs to another type.
     */
    <T> Optional<Replayed<T>> replay(Class<T> type, String id, Predicate<DomainEventMessage<?>> applied) {
        List<? extends DomainEventMessage<?>> history =
                events.readEvents(id, 0).asStream().takeWhile(applied).toList();
        if (history.isEmpty() || !type.getSimpleName().equals(history.get(0).getType())) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = history.get(0);
        DomainEventMessage<?> last = history.get(history.size() - 1);
        T root = models.factory(type).createAggregateRoot(id, first);
        EventSourcedAggregate<T> aggregate =
                EventSourcedAggregate.initialize(root, models.model(type), null, NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(DomainEventStream.of(history));
        return Optional.of(new Replayed<>(aggregate.getAggregateRoot(), aggregate.version(), last.getTimestamp()));
    }
}
