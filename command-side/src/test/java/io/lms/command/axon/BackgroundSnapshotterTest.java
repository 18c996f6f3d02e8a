package io.lms.command.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;

/** Snapshots are taken on the executor, not in the command; an aggregate waiting for one is queued once. */
class BackgroundSnapshotterTest {

    private final Snapshotter delegate = mock(Snapshotter.class);
    private final List<Runnable> queued = new ArrayList<>();
    private final BackgroundSnapshotter snapshotter = new BackgroundSnapshotter(delegate, queued::add);

    @Test
    void a_scheduled_snapshot_is_taken_on_the_executor_not_in_the_caller() {
        snapshotter.scheduleSnapshot(Object.class, "forum");

        verify(delegate, never()).scheduleSnapshot(Object.class, "forum");
        queued.forEach(Runnable::run);
        verify(delegate).scheduleSnapshot(Object.class, "forum");
    }

    @Test
    void an_aggregate_waiting_for_its_snapshot_is_queued_once() {
        snapshotter.scheduleSnapshot(Object.class, "forum");
        snapshotter.scheduleSnapshot(Object.class, "forum");
        snapshotter.scheduleSnapshot(Object.class, "other");

        assertThat(queued).hasSize(2);
    }

    @Test
    void once_its_snapshot_is_under_way_an_aggregate_can_be_queued_again() {
        snapshotter.scheduleSnapshot(Object.class, "forum");
        queued.remove(0).run();
        snapshotter.scheduleSnapshot(Object.class, "forum");
        queued.remove(0).run();

        verify(delegate, times(2)).scheduleSnapshot(Object.class, "forum");
    }
}
