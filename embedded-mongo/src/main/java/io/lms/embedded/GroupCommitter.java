package io.lms.embedded;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes writes durable in groups: each writer, once its change is applied in memory, waits here; one committer
 * thread commits everything applied so far in one go (and forces it to the disk when a waiter asked for that),
 * then releases every writer that was waiting when that commit began. Writers arriving during a commit are
 * served by the next one, so the number of commits follows the disk, not the number of writes.
 */
final class GroupCommitter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    private final Runnable commit;
    private final Runnable sync;
    private final Thread thread;
    private final Object lock = new Object();

    // all guarded by lock; tickets count the writers that asked, in order
    private long requested;
    private long syncRequestedUpTo;
    private long committed;
    private long synced;
    private long commits;
    private boolean closed;
    private RuntimeException failure;

    /**
     * @param commit writes every change applied so far to the file (for the MVStore: {@code commit()})
     * @param sync forces the file to the disk (for the MVStore: {@code sync()})
     */
    GroupCommitter(String name, Runnable commit, Runnable sync) {
        this.commit = Objects.requireNonNull(commit);
        this.sync = Objects.requireNonNull(sync);
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Returns once every change applied before this call is committed, and also forced to the disk when
     * {@code fsync} is set. Throws when the commit failed or the committer is closed.
     */
    void awaitDurable(boolean fsync) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the store is closing; the write may not be durable");
            }
            long ticket = ++requested;
            if (fsync) {
                syncRequestedUpTo = ticket;
            }
            lock.notifyAll();
            boolean interrupted = false;
            while ((fsync ? synced : committed) < ticket) {
                if (failure != null) {
                    throw new IllegalStateException("the write could not be committed to the data file", failure);
                }
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    interrupted = true; // the answer must not go out before the commit: keep waiting
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many writers wait for a commit now. */
    long waitingWriters() {
        synchronized (lock) {
            return requested - committed;
        }
    }

    /** How many commits ran so far (each one served every writer waiting when it began). */
    long commits() {
        synchronized (lock) {
            return commits;
        }
    }

    private void run() {
        while (true) {
            long batch;
            boolean forceToDisk;
            synchronized (lock) {
                while (requested == committed && !closed) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (requested == committed) {
                    return; // closed and drained
                }
                batch = requested;
                forceToDisk = syncRequestedUpTo > synced;
            }
            try {
                commit.run();
                if (forceToDisk) {
                    sync.run();
                }
            } catch (RuntimeException e) {
                log.error("committing to the data file failed; writes are answered with an error from now on", e);
                synchronized (lock) {
                    failure = e;
                    closed = true;
                    lock.notifyAll();
                }
                return;
            }
            synchronized (lock) {
                committed = batch;
                if (forceToDisk) {
                    synced = batch;
                }
                commits++;
                lock.notifyAll();
            }
        }
    }

    /** Commits what writers still wait for, then stops the committer thread. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
