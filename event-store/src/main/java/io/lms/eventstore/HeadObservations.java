package io.lms.eventstore;

import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Local, skew-free evidence for gap judgement: when this engine first saw the counter at (or above) each head, on
 * its own monotonic clock. An index that this engine saw handed out more than the gap timeout ago is old enough to
 * skip, whatever the clocks of the server and the writers say.
 *
 * <p>Invariant: observations are kept in increasing order of head and of time; a new one is kept only when its head
 * is higher and the last one is older than a sixteenth of the gap timeout (costing at most that much extra waiting),
 * and at most {@value #MAX_OBSERVATIONS} are kept (the oldest go first).
 *
 * <p>Concurrency: thread-safe; the deque's monitor guards it (readers of all threads observe and ask).
 */
final class HeadObservations {

    static final int MAX_OBSERVATIONS = 4096;

    private final ArrayDeque<long[]> observations = new ArrayDeque<>();
    private final long gapTimeoutNanos;
    private final LongSupplier nanoClock;

    HeadObservations(long gapTimeoutNanos, LongSupplier nanoClock) {
        this.gapTimeoutNanos = gapTimeoutNanos;
        this.nanoClock = nanoClock;
    }

    /** Notes that the counter was seen at {@code head} now. */
    void observe(long head) {
        long now = nanoClock.getAsLong();
        synchronized (observations) {
            long[] last = observations.peekLast();
            if (last != null && last[0] >= head) {
                return;
            }
            if (last != null && now - last[1] < gapTimeoutNanos / 16) {
                return;
            }
            observations.addLast(new long[] {head, now});
            while (observations.size() > MAX_OBSERVATIONS) {
                observations.pollFirst();
            }
        }
    }

    /** Whether this engine first saw the counter at or above the index at least the gap timeout ago. */
    boolean seenLongerThanGapTimeout(long index) {
        Long seenAt = firstSeenCovering(index);
        return seenAt != null && nanoClock.getAsLong() - seenAt >= gapTimeoutNanos;
    }

    private Long firstSeenCovering(long index) {
        synchronized (observations) {
            for (long[] observation : observations) {
                if (observation[0] >= index) {
                    return observation[1];
                }
            }
            return null;
        }
    }
}
