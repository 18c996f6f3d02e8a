package io.lms.query.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lms.api.common.Role;
import io.lms.api.error.ErrorCode;
import io.lms.platform.error.DomainException;
import io.lms.platform.error.RetryLaterException;
import io.lms.platform.security.Caller;
import io.lms.query.support.ReadYourWrites.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * {@code ?min_version=N} waits only when the wait can end well, and only so many at a time. "At once" is checked by
 * counting reads of the read model: a refused wait reads it once and never polls.
 */
class ReadYourWritesTest {

    private static final String ID = "6b06eb3caa76f936f62db6fc";
    private static final Caller ANONYMOUS = Caller.anonymous();
    private static final Caller SIGNED_IN = new Caller("6b06eb3caa76f936f62db6f1", Role.STUDENT);

    /** The event store's heads: the aggregate {@code ID} is at version 3. */
    private final Map<String, Long> heads = Map.of(ID, 3L);

    private ReadYourWrites readYourWrites(int maxWaiting) {
        return new ReadYourWrites(Duration.ofSeconds(30), maxWaiting, id -> Optional.ofNullable(heads.get(id)));
    }

    private static Document atVersion(long version) {
        return new Document("_id", new ObjectId(ID)).append("version", version);
    }

    /** Answers the given documents in turn, the last one from then on, and counts the reads. */
    private static final class ReadModel implements Supplier<Optional<Document>> {
        private final List<Optional<Document>> answers;
        final AtomicInteger reads = new AtomicInteger();

        ReadModel(List<Optional<Document>> answers) {
            this.answers = answers;
        }

        @Override
        public Optional<Document> get() {
            int n = reads.getAndIncrement();
            return answers.get(Math.min(n, answers.size() - 1));
        }
    }

    private static ErrorCode refusal(Runnable read) {
        try {
            read.run();
        } catch (DomainException e) {
            return e.code();
        }
        throw new AssertionError("the read was not refused");
    }

    @Test
    void a_document_the_caller_may_not_see_is_a_404_at_once_whatever_the_version_asked() {
        ReadModel draft = new ReadModel(List.of(Optional.of(atVersion(1))));
        Target hidden = Target.aggregate("course", ID, ANONYMOUS).visibleIf(d -> false);

        assertThat(refusal(() -> readYourWrites(50).load(draft, 999_999L, hidden)))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(draft.reads).hasValue(1);
    }

    @Test
    void a_missing_document_is_a_404_at_once_for_a_version_its_aggregate_does_not_have() {
        ReadModel missing = new ReadModel(List.of(Optional.empty()));

        assertThat(refusal(() -> readYourWrites(50).load(missing, 4L, Target.aggregate("course", ID, SIGNED_IN))))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(missing.reads).hasValue(1);
    }

    @Test
    void an_anonymous_caller_does_not_wait_for_a_document_whose_aggregate_is_unknown() {
        ReadModel missing = new ReadModel(List.of(Optional.empty()));
        Target bySlug = Target.partOf("course", "a-slug", d -> ID, ANONYMOUS);

        assertThat(refusal(() -> readYourWrites(50).load(missing, 0L, bySlug))).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(missing.reads).hasValue(1);
    }

    @Test
    void a_document_the_caller_may_not_see_yet_is_waited_for_at_a_version_that_exists_and_checked_again() {
        Document draft = atVersion(2).append("status", "draft");
        Document published = atVersion(3).append("status", "published");
        ReadModel publishing = new ReadModel(List.of(Optional.of(draft), Optional.of(published)));
        Target publicOnly =
                Target.aggregate("course", ID, ANONYMOUS).visibleIf(d -> "published".equals(d.getString("status")));

        Document read = readYourWrites(50).load(publishing, 3L, publicOnly);

        assertThat(read.getString("status")).isEqualTo("published");
    }

    @Test
    void a_version_beyond_the_aggregates_last_event_is_a_409_at_once_naming_the_latest() {
        ReadModel behind = new ReadModel(List.of(Optional.of(atVersion(1))));

        assertThatThrownBy(() -> readYourWrites(50).load(behind, 999_999L, Target.aggregate("course", ID, ANONYMOUS)))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VERSION_DOES_NOT_EXIST))
                .hasMessage("The course has no version 999999; the latest is 3");
        assertThat(behind.reads).hasValue(1);
    }

    @Test
    void an_aggregate_without_events_is_a_404_at_once() {
        ReadModel missing = new ReadModel(List.of(Optional.empty()));
        String nobody = "0123456789abcdef01234567";

        assertThat(refusal(() -> readYourWrites(50).load(missing, 0L, Target.aggregate("user", nobody, SIGNED_IN))))
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(missing.reads).hasValue(1);
    }

    @Test
    void a_version_that_exists_is_waited_for_until_the_read_model_reflects_it() {
        ReadModel catchingUp =
                new ReadModel(List.of(Optional.empty(), Optional.of(atVersion(2)), Optional.of(atVersion(3))));

        Document read = readYourWrites(50).load(catchingUp, 3L, Target.aggregate("course", ID, SIGNED_IN));

        assertThat(VersionedDocuments.versionOf(read)).isEqualTo(3);
        assertThat(catchingUp.reads).hasValue(3);
    }

    @Test
    void a_document_whose_aggregate_the_url_does_not_name_is_checked_once_it_appears() {
        ReadModel appearing = new ReadModel(List.of(Optional.empty(), Optional.of(atVersion(1))));
        Target item = Target.partOf("content item", "an-item", d -> ID, SIGNED_IN);

        assertThat(refusal(() -> readYourWrites(50).load(appearing, 7L, item)))
                .isEqualTo(ErrorCode.VERSION_DOES_NOT_EXIST);
        assertThat(appearing.reads).hasValue(2);
    }

    @Test
    void past_the_limit_of_waiting_reads_the_next_one_is_a_429_with_retry_after() throws Exception {
        ReadYourWrites readYourWrites = readYourWrites(1);
        CountDownLatch firstIsWaiting = new CountDownLatch(1);
        CountDownLatch projectionCatchesUp = new CountDownLatch(1);
        Supplier<Optional<Document>> slow = new Supplier<>() {
            private final AtomicInteger reads = new AtomicInteger();

            @Override
            public Optional<Document> get() {
                if (reads.getAndIncrement() == 0) {
                    return Optional.of(atVersion(2));
                }
                firstIsWaiting.countDown();
                await(projectionCatchesUp);
                return Optional.of(atVersion(3));
            }
        };
        CompletableFuture<Document> first = CompletableFuture.supplyAsync(
                () -> readYourWrites.load(slow, 3L, Target.aggregate("course", ID, SIGNED_IN)));
        assertThat(firstIsWaiting.await(30, TimeUnit.SECONDS)).isTrue();

        ReadModel second = new ReadModel(List.of(Optional.of(atVersion(2))));
        assertThatThrownBy(() -> readYourWrites.load(second, 3L, Target.aggregate("course", ID, SIGNED_IN)))
                .isInstanceOfSatisfying(RetryLaterException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_WAITING_READS);
                    assertThat(e.retryAfterSeconds()).isPositive();
                });

        // the first read ends, and its place is free for the next one
        projectionCatchesUp.countDown();
        assertThat(VersionedDocuments.versionOf(first.get(30, TimeUnit.SECONDS)))
                .isEqualTo(3);
        assertThat(VersionedDocuments.versionOf(readYourWrites.load(
                        new ReadModel(List.of(Optional.of(atVersion(2)), Optional.of(atVersion(3)))),
                        3L,
                        Target.aggregate("course", ID, SIGNED_IN))))
                .isEqualTo(3);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
