package io.lms.benchmark;

import java.util.Locale;

/** The benchmark's log lines and stopwatch. */
final class BenchLog {

    private BenchLog() {}

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "  " + format + "%n", args);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
