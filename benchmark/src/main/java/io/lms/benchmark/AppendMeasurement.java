package io.lms.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Append rates: time-boxed runs, and raw and ours interleaved in quarter-second slices. */
final class AppendMeasurement {

    private final BenchOptions options;

    AppendMeasurement(BenchOptions options) {
        this.options = options;
    }

    @FunctionalInterface
    interface Append {
        void append(int thread, int i) throws Exception;
    }

    /**
     * Events per second for {@code total} single-event appends spread over {@code threads} threads, after a warm-up
     * phase ({@code --warm-up-seconds}, default 3) that runs the same appends with the same threads on other keys
     * (a fresh range of i), so that the JIT has settled on this path before the clock runs.
     */
    Figure appendRate(int threads, int total, Duration budget, Append append) throws Exception {
        if (!options.warmUp().isZero()) {
            timedAppends(threads, Integer.MAX_VALUE, options.warmUp(), nextKeyBase(), append);
        }
        if (options.measure().isZero()) {
            return timedAppends(threads, total, budget, nextKeyBase(), append);
        }
        // a fixed measuring time: a count of 2,000 is over in a fraction of a second at these rates, too noisy
        Figure byTime = timedAppends(threads, Integer.MAX_VALUE, options.measure(), nextKeyBase(), append);
        return new Figure(byTime.value(), false, "/s");
    }

    /** How long each side runs before the workers switch to the other, in {@link #interleavedRates}. */
    static final Duration SLICE = Duration.ofMillis(250);

    /**
     * The rates of two kinds of append, {@code first} (the baseline) and {@code second}, measured in alternation:
     * {@code threads} workers run whichever side is current, and every {@link #SLICE} all of them switch to the
     * other, for the warm-up ({@code --warm-up-seconds}, nothing counted) and then for twice the measuring time
     * ({@code --append-seconds} per side). Each side's rate is its appends over its own slices' time.
     *
     * <p>Measured one after the other, a few seconds each, the two sides met different machine states: on this
     * 2-core VM the raw baseline alone swung between 2,500 and 12,700 appends per second from one run to the next
     * (JIT and GC activity of two JVMs, page faults of a growing heap), and a ratio of two such figures said more
     * about the moment than about the engine. Slices of a quarter second put both sides into every such phase.
     * An append still in flight at a switch counts for the side it started on: at most one per worker per slice.
     */
    Figure[] interleavedRates(int threads, Append first, Append second) throws Exception {
        if (!options.warmUp().isZero()) {
            alternate(threads, options.warmUp(), first, second);
        }
        return alternate(threads, options.measure().multipliedBy(2), first, second);
    }

    private Figure[] alternate(int threads, Duration total, Append first, Append second) throws Exception {
        Append[] sides = {first, second};
        int[] bases = {nextKeyBase(), nextKeyBase()};
        AtomicLong[] done = {new AtomicLong(), new AtomicLong()};
        long[] nanos = new long[2];
        AtomicInteger current = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                int[] next = new int[2];
                while (!stop.get()) {
                    int side = current.get();
                    sides[side].append(thread, bases[side] + next[side]++);
                    done[side].incrementAndGet();
                }
                return null;
            }));
        }
        try {
            long end = System.nanoTime() + total.toNanos();
            int side = 0;
            long sliceStart = System.nanoTime();
            while (sliceStart < end) {
                current.set(side);
                TimeUnit.NANOSECONDS.sleep(Math.min(SLICE.toNanos(), end - sliceStart));
                long now = System.nanoTime();
                nanos[side] += now - sliceStart;
                sliceStart = now;
                side = 1 - side;
            }
        } finally {
            stop.set(true);
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
        }
        return new Figure[] {
            new Figure(done[0].get() / (nanos[0] / 1e9), false, "/s"),
            new Figure(done[1].get() / (nanos[1] / 1e9), false, "/s")
        };
    }

    /** Adds one round's {raw, ours} pairs to the four lists (raw, ours, raw, ours) and logs them. */
    static void addRound(List<List<Figure>> lists, String format, int round, Figure[] first, Figure[] second) {
        lists.get(0).add(first[0]);
        lists.get(1).add(first[1]);
        lists.get(2).add(second[0]);
        lists.get(3).add(second[1]);
        BenchLog.log(format, round + 1, first[0].text(), first[1].text(), second[0].text(), second[1].text());
    }

    /** Every append run takes its keys from a fresh range, so that rounds and warm-ups never collide. */
    private final AtomicInteger keyBase = new AtomicInteger();

    private int nextKeyBase() {
        return keyBase.getAndAdd(10_000_000);
    }

    static Figure timedAppends(int threads, int total, Duration budget, int base, Append append) throws Exception {
        long deadline = System.nanoTime() + budget.toNanos();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < total / threads; i++) {
                    if (System.nanoTime() > deadline) {
                        return null;
                    }
                    append.append(thread, base + i);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        double elapsed = BenchLog.seconds(start);
        return new Figure(done.get() / elapsed, done.get() < (long) (total / threads) * threads, "/s");
    }
}
