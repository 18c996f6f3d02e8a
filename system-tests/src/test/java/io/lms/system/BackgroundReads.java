package io.lms.system;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads on a thread of its own, round after round, until stopped: for tests that check that clients keep being
 * answered while something happens in the background (a replay). Each round notes what it found wrong in
 * {@link #failures()}.
 */
public final class BackgroundReads {

    /** One round of reads; adds a line to {@code failures} for every read that failed or found the wrong answer. */
    @FunctionalInterface
    public interface Round {
        void read(List<String> failures);
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong rounds = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;

    private BackgroundReads(String name, Round round) {
        thread = new Thread(
                () -> {
                    while (running.get()) {
                        round.read(failures);
                        rounds.incrementAndGet();
                    }
                },
                name);
    }

    public static BackgroundReads start(String name, Round round) {
        BackgroundReads reads = new BackgroundReads(name, round);
        reads.thread.start();
        return reads;
    }

    /** Lets the round under way finish, then returns. */
    public void stop() {
        running.set(false);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long rounds() {
        return rounds.get();
    }

    public List<String> failures() {
        return failures;
    }
}
