package io.lms.eventstore;

import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;

/**
 * One tracking stream of the engine, fetch by fetch: each fetch asks for {@code batchSize} events, and for twice as
 * many as the one before (up to {@code catchUpBatchSize}) while the fetches come back full, so that a stream far
 * behind the head (a projection catching up, a replay) reads the history in a few large windows instead of many of
 * {@code batchSize}, and a stream at the head stays at {@code batchSize}. The stream ends at the first empty fetch,
 * as Axon's own does.
 *
 * <p>Invariant: the events are those the fetches give, in their order, each fetch starting at the token of the last
 * event of the one before. Concurrency: one stream is read by one thread.
 */
final class CatchUpWindows extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

    private final BiFunction<TrackingToken, Integer, List<? extends TrackedEventData<?>>> fetch;
    private final int batchSize;
    private final int catchUpBatchSize;
    private TrackingToken token;
    private int window;
    private Iterator<? extends TrackedEventData<?>> fetched =
            List.<TrackedEventData<?>>of().iterator();
    private boolean ended;

    CatchUpWindows(
            TrackingToken from,
            int batchSize,
            int catchUpBatchSize,
            BiFunction<TrackingToken, Integer, List<? extends TrackedEventData<?>>> fetch) {
        super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
        this.token = from;
        this.batchSize = batchSize;
        this.catchUpBatchSize = Math.max(batchSize, catchUpBatchSize);
        this.window = batchSize;
        this.fetch = fetch;
    }

    @Override
    public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
        if (!fetched.hasNext() && !ended) {
            fetchNext();
        }
        if (!fetched.hasNext()) {
            return false;
        }
        TrackedEventData<?> next = fetched.next();
        token = next.trackingToken();
        action.accept(next);
        return true;
    }

    private void fetchNext() {
        List<? extends TrackedEventData<?>> batch = fetch.apply(token, window);
        ended = batch.isEmpty();
        window = batch.size() >= window ? Math.min(catchUpBatchSize, window * 2) : batchSize;
        fetched = batch.iterator();
    }
}
