package io.lms.eventstore;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes taken ahead by a busy writer, so that back-to-back appends cost one round trip (the insert) instead of two
 * (the counter, then the insert).
 *
 * <p>When an append of at most {@code maxSurplus} events takes indexes less than {@link #BUSY_NANOS} after this
 * engine's previous append finished, the counter update takes a surplus besides: the next appends get their indexes
 * from it, in order, with the reservation's time as their {@code reservedAt}. A surplus is good for {@code maxAge}
 * after it was taken (a small fraction of the gap timeout); what is left of it then is marked skipped in the
 * background. Readers hold back at unused surplus indexes as at any index handed out and not yet written, so the
 * price is a tracking delay of at most {@code maxAge} at the end of a burst, and skip markers for the indexes never
 * used. The surplus doubles when it is used up within half its max age (up to {@code maxSurplus}) and halves when
 * some of it expires, so that it settles at what the writer uses in between. When the next append does not fit into
 * what is left, the rest is marked skipped at once and the append takes a new surplus.
 *
 * <p>Only the group-commit leader takes indexes, one at a time; the pool's monitor guards its state against the
 * background expiry.
 */
final class IndexPool {

    /** An append that starts within this time after the previous one finished counts as back to back. */
    static final long BUSY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final Logger logger = LoggerFactory.getLogger(IndexPool.class);

    /** Takes indexes from the counter. */
    interface Counter {
        Reservation take(int count);
    }

    /** Marks indexes that were taken and will never be written as skipped. */
    interface Releaser {
        void release(long first, long last);
    }

    private final int maxSurplus;
    private final long maxAgeNanos;
    private final Counter counter;
    private final Releaser releaser;

    private ScheduledThreadPoolExecutor background;
    /** Next unused index of the pool; the pool is empty when {@code next > last}. */
    private long next = 1;

    private long last;
    private Reservation taken;
    private long takenAtNanos;
    private long generation;
    private int surplus = 1;
    private volatile long lastFinishedNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    /** A pool with the given settings (max age capped at a quarter of the gap timeout); null when maxSurplus is 0. */
    static IndexPool create(int maxSurplus, Duration maxAge, Duration gapTimeout, Counter counter, Releaser releaser) {
        if (maxSurplus <= 0) {
            return null;
        }
        Duration quarter = gapTimeout.dividedBy(4);
        return new IndexPool(maxSurplus, maxAge.compareTo(quarter) < 0 ? maxAge : quarter, counter, releaser);
    }

    IndexPool(int maxSurplus, Duration maxAge, Counter counter, Releaser releaser) {
        this.maxSurplus = maxSurplus;
        this.maxAgeNanos = maxAge.toNanos();
        this.counter = counter;
        this.releaser = releaser;
    }

    /** {@code count} contiguous indexes, from the pool when it holds enough young ones, else from the counter. */
    Reservation reserve(int count) {
        long now = System.nanoTime();
        int currentSurplus;
        synchronized (this) {
            boolean young = now - takenAtNanos < maxAgeNanos;
            if (young && last - next + 1 >= count) {
                Reservation reservation = new Reservation(next, next + count - 1, taken.reservedAt());
                next += count;
                if (next > last && now - takenAtNanos < maxAgeNanos / 2) {
                    // used up in less than half its time: the writer can use a larger one
                    surplus = Math.min(maxSurplus, surplus * 2);
                }
                return reservation;
            }
            long[] leftover = takeLeftover();
            if (leftover != null) {
                if (!young) {
                    surplus = Math.max(1, surplus / 2); // expired: the writer slowed down
                }
                releaseInBackground(leftover);
            }
            currentSurplus = surplus;
        }
        // a large append (a bulk import, say) would leave most of a surplus unused after it: none for those
        boolean busy = now - lastFinishedNanos < BUSY_NANOS && count <= maxSurplus;
        int extra = busy ? currentSurplus : 0;
        Reservation range = counter.take(count + extra);
        if (extra == 0) {
            return range;
        }
        synchronized (this) {
            taken = range;
            takenAtNanos = System.nanoTime();
            next = range.first() + count;
            last = range.last();
            long pool = ++generation;
            background().schedule(() -> expire(pool), maxAgeNanos, TimeUnit.NANOSECONDS);
        }
        return new Reservation(range.first(), range.first() + count - 1, range.reservedAt());
    }

    /** Called when a commit group finished, whatever its outcome. */
    void finished() {
        lastFinishedNanos = System.nanoTime();
    }

    /**
     * Marks what is left of the pool skipped now, in the calling thread: for a node that stops, so that readers do
     * not wait for its surplus until the gap timeout. Appends after this take new indexes as usual.
     */
    void releaseNow() {
        long[] leftover;
        synchronized (this) {
            leftover = takeLeftover();
        }
        if (leftover != null) {
            releaser.release(leftover[0], leftover[1]);
        }
    }

    private synchronized void expire(long pool) {
        if (pool == generation) {
            long[] leftover = takeLeftover();
            if (leftover != null) {
                surplus = Math.max(1, surplus / 2);
                releaseInBackground(leftover);
            }
        }
    }

    /**
     * Empties the pool: {first, last} of what was left, or null when nothing was. Holds the monitor. Only an expired
     * leftover halves the surplus (the callers decide): a leftover because the next append did not fit says nothing
     * about the writer's rate.
     */
    private long[] takeLeftover() {
        if (next > last) {
            return null;
        }
        long[] leftover = {next, last};
        next = last + 1;
        return leftover;
    }

    /** Marks the leftover skipped on the background thread. Holds the monitor. */
    private void releaseInBackground(long[] leftover) {
        logger.debug("Releasing unused indexes {}..{} of the pool", leftover[0], leftover[1]);
        background().execute(() -> {
            try {
                releaser.release(leftover[0], leftover[1]);
            } catch (RuntimeException e) {
                // readers pass them after the gap timeout, as any index handed out and never written
                logger.warn("Could not mark the unused pool indexes {}..{} skipped", leftover[0], leftover[1], e);
            }
        });
    }

    private ScheduledThreadPoolExecutor background() {
        if (background == null) {
            background = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "event-store-index-pool");
                thread.setDaemon(true);
                return thread;
            });
            background.setRemoveOnCancelPolicy(true);
            // an idle engine (or one of the many a test creates) keeps no thread
            background.setKeepAliveTime(1, TimeUnit.SECONDS);
            background.allowCoreThreadTimeOut(true);
        }
        return background;
    }
}
