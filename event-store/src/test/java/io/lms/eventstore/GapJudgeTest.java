package io.lms.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** The gap judgement on its own: every kind of evidence, with a fixed server clock and a hand-driven local clock. */
class GapJudgeTest {

    private static final long GAP_MILLIS = 10_000;
    private static final int BATCH = 5;
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final HeadObservations observations =
            new HeadObservations(Duration.ofMillis(GAP_MILLIS).toNanos(), nanos::get);
    private final List<List<Long>> probes = new ArrayList<>();
    private final Map<Long, Instant> stored = new HashMap<>();

    private final GapJudge judge = new GapJudge(GAP_MILLIS, BATCH, () -> NOW, observations, indexes -> {
        probes.add(List.copyOf(indexes));
        Map<Long, Instant> found = new HashMap<>();
        indexes.stream().filter(stored::containsKey).forEach(i -> found.put(i, stored.get(i)));
        return found;
    });

    private static GapJudge.Evidence evidence(long head, Instant counterReservedAt) {
        return new GapJudge.Evidence(() -> new EventCounter.Head(head, counterReservedAt));
    }

    private static Instant ago(long millis) {
        return NOW.minusMillis(millis);
    }

    @Test
    void an_index_below_an_event_reserved_longer_than_the_gap_timeout_ago_is_expired() {
        assertThat(judge.isExpired(7, ago(GAP_MILLIS + 1), evidence(20, null))).isTrue();
    }

    @Test
    void an_index_below_an_event_reserved_within_the_gap_timeout_is_not_expired() {
        assertThat(judge.isExpired(7, ago(GAP_MILLIS - 1), evidence(20, null))).isFalse();
        assertThat(judge.isExpired(7, ago(GAP_MILLIS), evidence(20, null)))
                .as("exactly the gap timeout is not older than it")
                .isFalse();
    }

    @Test
    void the_counter_update_time_bounds_every_index_below_the_head() {
        assertThat(judge.isExpired(7, null, evidence(20, ago(GAP_MILLIS + 1)))).isTrue();
        assertThat(judge.isExpired(7, null, evidence(20, ago(1)))).isFalse();
    }

    @Test
    void the_earlier_of_window_evidence_and_counter_time_decides() {
        assertThat(judge.isExpired(7, ago(1), evidence(20, ago(GAP_MILLIS + 1))))
                .isTrue();
        assertThat(judge.isExpired(7, ago(GAP_MILLIS + 1), evidence(20, ago(1))))
                .isTrue();
    }

    @Test
    void without_window_evidence_it_probes_at_doubling_distances_above_the_index_and_at_the_head() {
        stored.put(50L, ago(GAP_MILLIS + 1));
        assertThat(judge.isExpired(10, null, evidence(100, null))).isTrue();
        assertThat(probes).containsExactly(List.of(15L, 20L, 30L, 50L, 90L, 100L));
    }

    @Test
    void with_window_evidence_it_does_not_probe() {
        judge.isExpired(10, ago(1), evidence(100, null));
        assertThat(probes).isEmpty();
    }

    @Test
    void a_fruitless_probe_is_repeated_only_a_batch_or_more_above_the_last_one() {
        GapJudge.Evidence evidence = evidence(100, null);
        assertThat(judge.isExpired(10, null, evidence)).isFalse();
        assertThat(judge.isExpired(14, null, evidence)).isFalse();
        assertThat(probes).hasSize(1);
        assertThat(judge.isExpired(15, null, evidence)).isFalse();
        assertThat(probes).hasSize(2);
    }

    @Test
    void probed_evidence_counts_only_above_the_index() {
        stored.put(15L, ago(GAP_MILLIS + 1));
        GapJudge.Evidence evidence = evidence(100, null);
        assertThat(judge.isExpired(10, null, evidence)).isTrue();
        assertThat(judge.isExpired(15, null, evidence))
                .as("the event at 15 says nothing about index 15 itself")
                .isFalse();
    }

    @Test
    void a_head_this_engine_saw_longer_than_the_gap_timeout_ago_proves_expiry_without_clock_agreement() {
        observations.observe(20);
        nanos.addAndGet(Duration.ofMillis(GAP_MILLIS).toNanos());
        GapJudge.Evidence evidence = evidence(30, null);
        assertThat(judge.isExpired(20, null, evidence)).isTrue();
        assertThat(judge.isExpired(21, null, evidence))
                .as("index 21 was handed out after the head was seen at 20")
                .isFalse();
    }

    @Test
    void a_head_seen_just_now_proves_nothing() {
        observations.observe(20);
        nanos.addAndGet(Duration.ofMillis(GAP_MILLIS).toNanos() - 1);
        assertThat(judge.isExpired(20, null, evidence(30, null))).isFalse();
    }

    @Test
    void head_observations_keep_the_first_sighting_of_a_head_within_a_sixteenth_of_the_gap_timeout() {
        observations.observe(10);
        nanos.addAndGet(Duration.ofMillis(GAP_MILLIS / 16).toNanos() - 1);
        observations.observe(20); // too soon after the last one: not kept
        nanos.addAndGet(Duration.ofMillis(GAP_MILLIS).toNanos()
                - Duration.ofMillis(GAP_MILLIS / 16).toNanos()
                + 1);
        assertThat(observations.seenLongerThanGapTimeout(10)).isTrue();
        assertThat(observations.seenLongerThanGapTimeout(20))
                .as("the sighting of 20 came too soon after the one of 10 to be kept")
                .isFalse();
    }

    @Test
    void earliest_reserved_above_gives_each_key_the_earliest_time_stored_above_it() {
        TreeSet<Long> keys = new TreeSet<>(List.of(1L, 2L, 3L, 4L, 5L));
        Map<Long, BsonDocument> found = new HashMap<>();
        found.put(3L, reservedAt(ago(50)));
        found.put(5L, reservedAt(ago(100)));
        found.put(4L, EventLayout.skipMarker(4, NOW)); // a marker carries no reservation time
        Map<Long, Instant> earliest = GapJudge.earliestReservedAbove(keys, found);
        assertThat(earliest.get(5L)).isNull();
        assertThat(earliest.get(4L)).isEqualTo(ago(100));
        assertThat(earliest.get(3L)).isEqualTo(ago(100));
        assertThat(earliest.get(2L)).isEqualTo(ago(100));
        assertThat(earliest.get(1L)).isEqualTo(ago(100));
    }

    @Test
    void earliest_reserved_above_takes_the_minimum_not_the_nearest() {
        TreeSet<Long> keys = new TreeSet<>(List.of(1L, 2L, 3L));
        Map<Long, BsonDocument> found = new HashMap<>();
        found.put(2L, reservedAt(ago(500)));
        found.put(3L, reservedAt(ago(100)));
        assertThat(GapJudge.earliestReservedAbove(keys, found).get(1L)).isEqualTo(ago(500));
        assertThat(GapJudge.earliestReservedAbove(keys, found).get(2L)).isEqualTo(ago(100));
    }

    private static BsonDocument reservedAt(Instant at) {
        return new BsonDocument(EventLayout.RESERVED_AT, new BsonDateTime(at.toEpochMilli()));
    }
}
