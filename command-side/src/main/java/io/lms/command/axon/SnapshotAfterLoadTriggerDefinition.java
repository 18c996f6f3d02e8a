package io.lms.command.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * A snapshot every {@code threshold} events, like Axon's {@code EventCountSnapshotTriggerDefinition}, except while
 * the aggregate is loaded: Axon's trigger schedules a snapshot for every {@code threshold} events it replays, each
 * run when the loading unit of work is cleaned up, while the command still holds the aggregate's lock. A forum of
 * 100,000 posts without a snapshot (after a restore, or snapshots deleted) then took 400 snapshots of 2 MB in its
 * first command (38 s in the forum benchmark). Here the events replayed by a load only count, up to one short of
 * the threshold, so the first event the next command applies schedules one snapshot, which includes it.
 */
public final class SnapshotAfterLoadTriggerDefinition implements SnapshotTriggerDefinition {

    private final Snapshotter snapshotter;
    private final int threshold;

    public SnapshotAfterLoadTriggerDefinition(Snapshotter snapshotter, int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("the snapshot threshold must be at least 1, not " + threshold);
        }
        this.snapshotter = snapshotter;
        this.threshold = threshold;
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new Trigger(snapshotter, aggregateType, threshold);
    }

    /** A trigger taken from the cache gets this node's snapshotter again (it is not serialized with it). */
    @Override
    public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
        if (trigger instanceof Trigger ours) {
            ours.setSnapshotter(snapshotter);
            return ours;
        }
        return prepareTrigger(aggregateType);
    }

    static final class Trigger extends AbstractSnapshotTrigger {

        private static final long serialVersionUID = 1L;

        private final int threshold;
        private int counter;
        private boolean loaded;

        Trigger(Snapshotter snapshotter, Class<?> aggregateType, int threshold) {
            super(snapshotter, aggregateType);
            this.threshold = threshold;
        }

        @Override
        public void eventHandled(EventMessage<?> message) {
            if (loaded) {
                super.eventHandled(message);
            } else if (message instanceof DomainEventMessage) {
                counter = Math.min(counter + 1, threshold - 1);
            }
        }

        @Override
        public void initializationFinished() {
            loaded = true;
            super.initializationFinished();
        }

        @Override
        protected boolean exceedsThreshold() {
            return ++counter >= threshold;
        }

        @Override
        protected void reset() {
            counter = 0;
        }
    }
}
