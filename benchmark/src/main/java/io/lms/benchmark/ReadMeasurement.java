package io.lms.benchmark;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.lms.eventstore.MongoIndexedEventStorageEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.bson.BsonDocument;

/** Tracking read rates: a reader into a trivial projection, alone or interleaved with raw {@code $in} lookups. */
final class ReadMeasurement {

    private ReadMeasurement() {}

    /** Events per second read by a tracking reader into a trivial projection (sum of a payload field). */
    static Figure trackingRate(BatchingEventStorageEngine engine, TrackingToken from, int count, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        long start = System.nanoTime();
        long read = 0;
        long sum = 0;
        TrackingToken token = from;
        while (read < count && System.nanoTime() < deadline) {
            long before = read;
            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, false)) {
                var iterator = stream.iterator();
                while (iterator.hasNext() && read < count) {
                    TrackedEventMessage<?> event = iterator.next();
                    Object payload = event.getPayload();
                    if (payload instanceof BenchData.BenchEvent bench) {
                        sum += bench.points();
                    }
                    token = event.trackingToken();
                    read++;
                    if ((read & 127) == 0 && System.nanoTime() > deadline) {
                        break;
                    }
                }
            }
            if (read == before) {
                break; // the end of the stream
            }
        }
        if (sum == -1) {
            System.out.println(); // keeps the projection from being optimised away
        }
        return new Figure(read / BenchLog.seconds(start), read < count, "/s");
    }

    /**
     * Raw {@code $in} lookups of {@code batchSize} {@code _id}s and our tracking reads into the trivial projection,
     * over the same {@code count} indexes after {@code after}, measured in alternation: a quarter second of one, a
     * quarter second of the other, for {@code perSide} each (as the appends, see {@link AppendMeasurement#interleavedRates}). Each
     * side starts over at {@code after} when it reaches the end of the range. Our stream stays open across slices
     * (it fetches its next batch only when pulled), so a switch wastes nothing. The slices go on after
     * {@code perSide} until our side has read at least {@code minOurs} events. Returns {raw, ours}.
     */
    static Figure[] readInterleaved(
            MongoIndexedEventStorageEngine engine,
            MongoCollection<BsonDocument> events,
            long after,
            long count,
            Duration perSide,
            long minOurs) {
        int batch = engine.batchSize();
        long end = after + count;
        long[] done = new long[2];
        long[] nanos = new long[2];
        long rawNext = after + 1;
        long sum = 0;
        Stream<? extends TrackedEventMessage<?>> stream = null;
        Iterator<? extends TrackedEventMessage<?>> ours = null;
        try {
            long until = System.nanoTime() + perSide.multipliedBy(2).toNanos();
            int side = 0;
            while (System.nanoTime() < until || done[1] < minOurs) {
                long sliceStart = System.nanoTime();
                long sliceEnd = sliceStart + AppendMeasurement.SLICE.toNanos();
                if (side == 0) {
                    while (System.nanoTime() < sliceEnd) {
                        List<Long> ids = new ArrayList<>(batch);
                        for (long id = rawNext; id < rawNext + batch && id <= end; id++) {
                            ids.add(id);
                        }
                        List<BsonDocument> found =
                                events.find(Filters.in("_id", ids)).into(new ArrayList<>());
                        found.sort(
                                Comparator.comparingLong(d -> d.getInt64("_id").getValue()));
                        done[0] += found.size();
                        rawNext += batch;
                        if (rawNext > end) {
                            rawNext = after + 1;
                        }
                    }
                } else {
                    while (System.nanoTime() < sliceEnd) {
                        if (ours == null || !ours.hasNext()) {
                            if (stream != null) {
                                stream.close();
                            }
                            stream = engine.readEvents(GapAwareTrackingToken.newInstance(after, List.of()), false);
                            ours = stream.iterator();
                        }
                        TrackedEventMessage<?> event = ours.next();
                        if (event.getPayload() instanceof BenchData.BenchEvent bench) {
                            sum += bench.points();
                        }
                        done[1]++;
                        if (event.trackingToken().position().orElse(0) >= end) {
                            ours = null; // start over at the beginning of the range
                        }
                    }
                }
                nanos[side] += System.nanoTime() - sliceStart;
                side = 1 - side;
            }
        } finally {
            if (stream != null) {
                stream.close();
            }
        }
        if (sum == -1) {
            System.out.println(); // keeps the projection from being optimised away
        }
        return new Figure[] {
            new Figure(done[0] / (nanos[0] / 1e9), false, "/s"), new Figure(done[1] / (nanos[1] / 1e9), false, "/s")
        };
    }
}
