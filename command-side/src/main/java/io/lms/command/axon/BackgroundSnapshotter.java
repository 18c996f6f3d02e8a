package io.lms.command.axon;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * Takes snapshots on {@code executor} instead of in the command that triggered them. Axon's snapshotter (with Spring
 * Boot's direct executor) builds a snapshot inside that command's unit of work, before the aggregate's lock is
 * released: for a forum of 100,000 posts, reading, serializing and storing a 2 MB snapshot every 250 posts, while the
 * commands behind it wait. The snapshot is made from the event store (the delegate reads the aggregate's latest
 * snapshot and the events after it), not from the aggregate in memory, so it may run later on another thread; the
 * store keeps a snapshot only if it is newer than the stored one. An aggregate already waiting for its snapshot is
 * not queued twice.
 */
public final class BackgroundSnapshotter implements Snapshotter {

    private final Snapshotter delegate;
    private final Executor executor;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    public BackgroundSnapshotter(Snapshotter delegate, Executor executor) {
        this.delegate = delegate;
        this.executor = executor;
    }

    @Override
    public void scheduleSnapshot(Class<?> aggregateType, String aggregateIdentifier) {
        String key = aggregateType.getName() + "#" + aggregateIdentifier;
        if (!waiting.add(key)) {
            return;
        }
        try {
            executor.execute(() -> {
                waiting.remove(key); // events stored from now on ask for a later snapshot
                delegate.scheduleSnapshot(aggregateType, aggregateIdentifier);
            });
        } catch (RejectedExecutionException e) {
            waiting.remove(key); // shutting down: the next load takes it
        }
    }
}
