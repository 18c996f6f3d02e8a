package io.lms.eventstore;

import static io.lms.eventstore.EventLayout.APPEND_FIRST;
import static io.lms.eventstore.EventLayout.APPEND_LAST;
import static io.lms.eventstore.EventLayout.ID;
import static io.lms.eventstore.EventLayout.RESERVED_AT;

import com.mongodb.MongoBulkWriteException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;

/**
 * Commits appends: takes their indexes and inserts their documents, sharing one counter update and one unordered
 * {@code insertMany} among the appends of this engine that arrive while another one waits for the counter.
 *
 * <p>Invariant: every append gets a contiguous index range of its own, in the order of the group; a multi-event
 * append's documents carry that range ({@code appendFirst}, {@code appendLast}); every document carries the
 * range's {@code reservedAt}. A rejected document fails only its own append (see {@link AppendRejections}); any other
 * insert failure fails the whole group. Once queued, an append waits for its outcome even when interrupted, because
 * its indexes may be taken at any moment and walking away would leave a gap that readers wait on.
 *
 * <p>Concurrency: appends of any thread queue up under the queue's monitor; the first thread to reach the counter
 * leads: it takes one range for the whole queue, steps down (so the next group can take the counter meanwhile),
 * inserts its group, then hands each append its outcome and wakes the waiters.
 */
final class GroupCommit {

    private final boolean grouped;
    private final IntFunction<Reservation> counter;
    private final Consumer<List<BsonDocument>> inserter;
    private final AppendRejections rejections;
    /** Indexes taken ahead for back-to-back appends; null when off. */
    private final IndexPool indexPool;

    /** Appends waiting for their indexes; its monitor guards the queue, the entries and the leader flag. */
    private final ArrayDeque<PendingAppend> queue = new ArrayDeque<>();
    /** Whether a thread is taking indexes for the queue right now. */
    private boolean leaderActive;

    GroupCommit(
            boolean grouped,
            IntFunction<Reservation> counter,
            Consumer<List<BsonDocument>> inserter,
            AppendRejections rejections,
            IndexPool indexPool) {
        this.grouped = grouped;
        this.counter = counter;
        this.inserter = inserter;
        this.rejections = rejections;
        this.indexPool = indexPool;
    }

    /** Commits the append (alone, or with the appends that queue up meanwhile) and sets its outcome. */
    void commit(PendingAppend mine) {
        if (grouped) {
            joinGroup(mine);
        } else {
            commitGroup(List.of(mine), counter.apply(mine.size()));
        }
    }

    /** Queues the append for the next group and waits until that group is committed, leading it if need be. */
    private void joinGroup(PendingAppend mine) {
        boolean interrupted = false;
        boolean lead = false;
        synchronized (queue) {
            queue.addLast(mine);
            while (!mine.done && (leaderActive || mine.taken)) {
                try {
                    queue.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (!mine.done) {
                leaderActive = true;
                lead = true;
            }
        }
        if (lead) {
            serveQueue();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes one range for every queued append (this thread's included), steps down, and commits the group. */
    private void serveQueue() {
        List<PendingAppend> group = takeQueue();
        Reservation range = null;
        RuntimeException failure = null;
        try {
            range = reserve(group);
        } catch (RuntimeException | Error e) {
            failure = asRuntime(e);
        }
        stepDown(group, failure);
        if (failure == null) {
            commitTaken(group, range);
        }
    }

    private List<PendingAppend> takeQueue() {
        synchronized (queue) {
            List<PendingAppend> group = new ArrayList<>(queue);
            queue.clear();
            group.forEach(pending -> pending.taken = true);
            return group;
        }
    }

    private Reservation reserve(List<PendingAppend> group) {
        long total = 0;
        for (PendingAppend pending : group) {
            total += pending.size();
        }
        int count = Math.toIntExact(total);
        return indexPool != null ? indexPool.reserve(count) : counter.apply(count);
    }

    /** Lets the next leader take the counter; a group that got no indexes is done, failed, at once. */
    private void stepDown(List<PendingAppend> group, RuntimeException failure) {
        synchronized (queue) {
            if (failure != null) {
                for (PendingAppend pending : group) {
                    pending.failure = failure;
                    pending.done = true;
                }
            }
            leaderActive = false;
            queue.notifyAll();
        }
    }

    private void commitTaken(List<PendingAppend> group, Reservation range) {
        try {
            commitGroup(group, range);
        } catch (RuntimeException | Error e) {
            RuntimeException unexpected = asRuntime(e);
            for (PendingAppend pending : group) {
                if (!pending.failed()) {
                    pending.failure = unexpected;
                }
            }
        } finally {
            if (indexPool != null) {
                indexPool.finished();
            }
            synchronized (queue) {
                group.forEach(pending -> pending.done = true);
                queue.notifyAll();
            }
        }
    }

    private static RuntimeException asRuntime(Throwable e) {
        return e instanceof RuntimeException runtime
                ? runtime
                : new EventStoreException("Could not commit the append", e);
    }

    /**
     * Gives every append of the group its indexes from the range, inserts all their documents with one unordered
     * {@code insertMany}, and sets each append's outcome. A write error fails only the append whose document it hit;
     * any other failure of the insert fails every append of the group, and their indexes are gaps that readers judge
     * by the gap timeout.
     */
    private void commitGroup(List<PendingAppend> group, Reservation range) {
        List<BsonDocument> all = numbered(group, range);
        try {
            inserter.accept(all);
        } catch (MongoBulkWriteException e) {
            rejections.handle(e, group, all);
        } catch (RuntimeException e) {
            // no answer per document (e.g. the connection broke): each append may or may not be stored in part;
            // readers judge its missing indexes by the gap timeout and then drop what was written of it
            group.forEach(pending -> pending.failure = e);
        }
    }

    /** The documents of the group with their indexes as {@code _id}, their append range and reservation time. */
    private static List<BsonDocument> numbered(List<PendingAppend> group, Reservation range) {
        BsonDateTime reservedAt = new BsonDateTime(range.reservedAt().toEpochMilli());
        List<BsonDocument> all = new ArrayList<>(Math.toIntExact(range.last() - range.first() + 1));
        long next = range.first();
        for (PendingAppend pending : group) {
            pending.offset = all.size();
            int size = pending.size();
            long last = next + size - 1;
            for (int i = 0; i < size; i++) {
                // _id first, so that the stored documents read well
                BsonDocument withId = new BsonDocument(ID, new BsonInt64(next + i));
                withId.putAll(pending.documents.get(i));
                withId.put(RESERVED_AT, reservedAt);
                if (size > 1) {
                    withId.put(APPEND_FIRST, new BsonInt64(next));
                    withId.put(APPEND_LAST, new BsonInt64(last));
                }
                all.add(withId);
            }
            next = last + 1;
        }
        return all;
    }
}
