package io.lms.command.forum;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The one thread that takes the forums' snapshots, one after the other; at a stop, those not yet taken are left out. */
final class ForumSnapshotThread implements AutoCloseable {

    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "forum-snapshots");
        thread.setDaemon(true);
        return thread;
    });

    void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
