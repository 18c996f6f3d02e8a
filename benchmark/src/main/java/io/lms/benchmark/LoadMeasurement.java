package io.lms.benchmark;

import java.time.Duration;
import java.util.Arrays;
import org.axonframework.eventhandling.EventMessage;

/** Cold loads: each aggregate loaded once, the mean and the median kept. */
final class LoadMeasurement {

    private final BenchOptions options;

    LoadMeasurement(BenchOptions options) {
        this.options = options;
    }

    @FunctionalInterface
    interface Load {
        Object load(int i);
    }

    /**
     * Average milliseconds to load one aggregate (each one only once: nothing is warm). The median and the slowest
     * load are logged and the median kept besides, so that a single pause (GC, JIT) shows as such.
     */
    Figure loadTime(String name, Duration budget, Load load) {
        long deadline = System.nanoTime() + budget.toNanos();
        long start = System.nanoTime();
        int done = 0;
        double[] each = new double[options.loads()];
        for (int i = 0; i < options.loads(); i++) {
            if (System.nanoTime() > deadline) {
                break;
            }
            long began = System.nanoTime();
            Object result = load.load(i);
            if (result instanceof org.axonframework.eventsourcing.eventstore.DomainEventStream stream) {
                long count = stream.asStream().map(EventMessage::getPayload).count();
                if (count == 0) {
                    throw new IllegalStateException("loaded nothing for aggregate " + i);
                }
            }
            each[done++] = (System.nanoTime() - began) / 1e6;
        }
        double ms = (System.nanoTime() - start) / 1e6 / Math.max(1, done);
        double[] sorted = Arrays.copyOf(each, done);
        Arrays.sort(sorted);
        double median = done == 0
                ? Double.NaN
                : done % 2 == 1 ? sorted[done / 2] : (sorted[done / 2 - 1] + sorted[done / 2]) / 2;
        BenchLog.log(
                "cold load %s: mean %.2f ms, median %.2f ms, fastest %.2f ms, slowest %.2f ms (%d loads)",
                name, ms, median, done == 0 ? Double.NaN : sorted[0], done == 0 ? Double.NaN : sorted[done - 1], done);
        return new Figure(ms, done < options.loads(), "ms", median);
    }
}
