package io.lms.command.axon;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/** A load schedules no snapshot, however long the history; the command after it schedules one; then every 250. */
class SnapshotAfterLoadTriggerDefinitionTest {

    private static final int THRESHOLD = 250;

    private final Snapshotter snapshotter = mock(Snapshotter.class);
    private final SnapshotAfterLoadTriggerDefinition definition =
            new SnapshotAfterLoadTriggerDefinition(snapshotter, THRESHOLD);

    @Test
    void a_load_of_a_long_history_schedules_one_snapshot_with_the_first_new_event() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        SnapshotTrigger trigger = definition.prepareTrigger(Object.class);
        for (long sequence = 0; sequence < 100 * THRESHOLD; sequence++) {
            trigger.eventHandled(event(sequence));
        }
        trigger.initializationFinished();
        trigger.eventHandled(event(100 * THRESHOLD));
        unitOfWork.commit();

        verify(snapshotter, times(1)).scheduleSnapshot(Object.class, "forum");
    }

    @Test
    void a_load_shorter_than_the_threshold_schedules_nothing() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        SnapshotTrigger trigger = definition.prepareTrigger(Object.class);
        for (long sequence = 0; sequence < THRESHOLD - 10; sequence++) {
            trigger.eventHandled(event(sequence));
        }
        trigger.initializationFinished();
        trigger.eventHandled(event(THRESHOLD - 10));
        unitOfWork.commit();

        verify(snapshotter, never()).scheduleSnapshot(Object.class, "forum");
    }

    @Test
    void after_the_load_every_threshold_new_events_schedule_one_snapshot() {
        SnapshotTrigger trigger = definition.prepareTrigger(Object.class);
        trigger.initializationFinished();
        for (long sequence = 0; sequence < 2 * THRESHOLD + 10; sequence++) {
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            trigger.eventHandled(event(sequence));
            unitOfWork.commit();
        }

        verify(snapshotter, times(2)).scheduleSnapshot(Object.class, "forum");
    }

    @Test
    void a_trigger_from_the_cache_gets_the_snapshotter_again() {
        Snapshotter other = mock(Snapshotter.class);
        SnapshotTrigger cached = new SnapshotAfterLoadTriggerDefinition(other, 1).prepareTrigger(Object.class);
        SnapshotTrigger reconfigured =
                new SnapshotAfterLoadTriggerDefinition(snapshotter, 1).reconfigure(Object.class, cached);
        reconfigured.initializationFinished();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        reconfigured.eventHandled(event(0));
        unitOfWork.commit();

        verify(snapshotter).scheduleSnapshot(Object.class, "forum");
        verify(other, never()).scheduleSnapshot(Object.class, "forum");
    }

    private static GenericDomainEventMessage<String> event(long sequence) {
        return new GenericDomainEventMessage<>("Forum", "forum", sequence, "payload");
    }
}
