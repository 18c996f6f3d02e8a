package io.lms.command.axon;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * The snapshot trigger of users, courses, enrollments and inboxes: a command on an aggregate whose 500 events have no
 * snapshot takes one snapshot, not one for every 50 events its load replays.
 */
class DefaultSnapshotTriggerTest {

    private static final int THRESHOLD = 50;

    @Test
    void a_command_after_loading_500_events_without_a_snapshot_schedules_one_snapshot() {
        Snapshotter snapshotter = mock(Snapshotter.class);
        SnapshotTrigger trigger = new CommandSideAxonConfiguration()
                .snapshotTrigger(snapshotter, THRESHOLD)
                .prepareTrigger(Object.class);

        UnitOfWork<?> command = DefaultUnitOfWork.startAndGet(null);
        for (long sequence = 0; sequence < 10 * THRESHOLD; sequence++) {
            trigger.eventHandled(event(sequence));
        }
        trigger.initializationFinished();
        trigger.eventHandled(event(10 * THRESHOLD));
        command.commit();

        verify(snapshotter, times(1)).scheduleSnapshot(Object.class, "course");
    }

    private static GenericDomainEventMessage<String> event(long sequence) {
        return new GenericDomainEventMessage<>("Course", "course", sequence, "payload");
    }
}
