package io.lms.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {

    /** A commit that blocks until released, so that the test decides who arrives during it. */
    private static final class GatedCommit implements Runnable {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public void run() {
            if (runs.incrementAndGet() == 1) {
                started.countDown();
                await(release);
            }
        }
    }

    @Test
    void writers_arriving_during_a_commit_are_all_released_by_one_next_commit() throws Exception {
        GatedCommit commit = new GatedCommit();
        try (GroupCommitter committer = new GroupCommitter("test", commit, () -> {})) {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> committer.awaitDurable(false));
            assertThat(commit.started.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Void>> during = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                during.add(CompletableFuture.runAsync(() -> committer.awaitDurable(false)));
            }
            waitUntilWaiting(committer, 7);
            assertThat(first).isNotDone();
            assertThat(during).noneMatch(CompletableFuture::isDone);

            commit.release.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (CompletableFuture<Void> writer : during) {
                writer.get(10, TimeUnit.SECONDS);
            }
            assertThat(committer.commits()).isEqualTo(2);
            assertThat(commit.runs).hasValue(2);
        }
    }

    @Test
    void a_writer_asking_for_fsync_is_released_only_after_the_sync_and_others_cause_none() {
        AtomicInteger syncs = new AtomicInteger();
        AtomicInteger commits = new AtomicInteger();
        try (GroupCommitter committer = new GroupCommitter("test", commits::incrementAndGet, syncs::incrementAndGet)) {
            committer.awaitDurable(false);
            assertThat(commits).hasValue(1);
            assertThat(syncs).hasValue(0);

            committer.awaitDurable(true);
            assertThat(commits).hasValue(2);
            assertThat(syncs).hasValue(1);
        }
    }

    @Test
    void a_failed_commit_is_reported_to_the_waiting_writer_and_to_every_later_one() {
        try (GroupCommitter committer = new GroupCommitter(
                "test",
                () -> {
                    throw new IllegalStateException("disk full");
                },
                () -> {})) {
            assertThatThrownBy(() -> committer.awaitDurable(false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasRootCauseMessage("disk full");
            assertThatThrownBy(() -> committer.awaitDurable(false)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void close_commits_what_writers_still_wait_for() throws Exception {
        GatedCommit commit = new GatedCommit();
        GroupCommitter committer = new GroupCommitter("test", commit, () -> {});
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> committer.awaitDurable(false));
        assertThat(commit.started.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> committer.awaitDurable(false));
        waitUntilWaiting(committer, 2);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(committer::close);
        commit.release.countDown();
        closing.get(10, TimeUnit.SECONDS);
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        assertThat(commit.runs).hasValue(2);
    }

    private static void waitUntilWaiting(GroupCommitter committer, int writers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (committer.waitingWriters() < writers) {
            assertThat(System.nanoTime()).as("writers waiting in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
