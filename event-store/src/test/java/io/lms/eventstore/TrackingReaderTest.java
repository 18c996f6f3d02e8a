package io.lms.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.embedded.EmbeddedMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tracking reader on states written by hand: gaps young and old, appends in flight and abandoned, tokens with
 * gaps. Gap timeout 10 s; "old" documents were reserved an hour ago, "young" ones just now.
 */
class TrackingReaderTest {

    private static final Duration GAP = Duration.ofSeconds(10);
    private static EmbeddedMongo mongo;
    private PlantedStore store;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @AfterEach
    void drop() {
        store.close();
    }

    private TrackingReader reader(int gapCleaningThreshold) {
        return new TrackingReader(
                store.events, store.wholeAppends, store.markers, store.judge, store.counter, gapCleaningThreshold);
    }

    private PlantedStore store(int batchSize) {
        store = new PlantedStore(mongo, GAP, batchSize);
        return store;
    }

    private Instant young() {
        return store.serverNow();
    }

    private Instant old() {
        return store.serverNow().minus(Duration.ofHours(1));
    }

    private static List<String> ids(List<? extends TrackedEventData<?>> events) {
        return events.stream().map(TrackedEventData::getEventIdentifier).toList();
    }

    private static GapAwareTrackingToken lastToken(List<? extends TrackedEventData<?>> events) {
        return (GapAwareTrackingToken) events.get(events.size() - 1).trackingToken();
    }

    @Test
    void a_young_missing_index_holds_the_reader_back_and_is_left_alone() {
        store(10);
        store.event(1, young());
        store.event(3, young());
        store.head(3, young());

        List<? extends TrackedEventData<?>> read = reader(250).fetch(null, 10);

        assertThat(ids(read)).containsExactly("event-1");
        assertThat(lastToken(read).getIndex()).isEqualTo(1);
        assertThat(store.at(2))
                .as("no skip marker for an index that may still be written")
                .isNull();
    }

    @Test
    void an_old_missing_index_gets_a_skip_marker_and_the_reader_passes_it() {
        store(10);
        store.event(1, old());
        store.event(3, old());
        store.head(3, old());

        List<? extends TrackedEventData<?>> read = reader(250).fetch(null, 10);

        assertThat(ids(read)).containsExactly("event-1", "event-3");
        assertThat(lastToken(read).getIndex()).isEqualTo(3);
        assertThat(lastToken(read).getGaps()).isEmpty();
        assertThat(EventLayout.isSkipped(store.at(2))).isTrue();
    }

    @Test
    void a_young_index_above_an_old_event_is_judged_by_the_events_above_it_not_below() {
        store(10);
        store.event(1, old());
        store.event(3, young());
        store.head(3, young());

        assertThat(ids(reader(250).fetch(null, 10))).containsExactly("event-1");
        assertThat(store.at(2)).isNull();
    }

    @Test
    void nothing_past_the_head_is_skipped() {
        store(10);
        store.event(1, old());
        store.head(1, old());

        assertThat(ids(reader(250).fetch(null, 10))).containsExactly("event-1");
        assertThat(store.at(2)).isNull();
    }

    @Test
    void a_multi_event_append_with_an_unwritten_index_is_held_back_while_young() {
        store(10);
        store.appendEvent(1, 1, 3, young());
        store.appendEvent(2, 1, 3, young());
        store.head(3, young());

        assertThat(reader(250).fetch(null, 10)).isEmpty();
        assertThat(store.at(3)).isNull();
        assertThat(EventLayout.isSkipped(store.at(1))).isFalse();
    }

    @Test
    void an_abandoned_multi_event_append_is_dropped_whole_and_its_written_events_become_markers() {
        store(10);
        store.appendEvent(1, 1, 3, old());
        store.appendEvent(2, 1, 3, old());
        store.event(4, old());
        store.head(4, old());

        List<? extends TrackedEventData<?>> read = reader(250).fetch(null, 10);

        assertThat(ids(read)).containsExactly("event-4");
        assertThat(List.of(store.at(1), store.at(2), store.at(3))).allMatch(EventLayout::isSkipped);
    }

    @Test
    void an_append_with_a_skip_marker_is_never_delivered_even_when_young() {
        store(10);
        store.appendEvent(1, 1, 2, young());
        store.skipMarker(2);
        store.event(3, young());
        store.head(3, young());

        assertThat(ids(reader(250).fetch(null, 10))).containsExactly("event-3");
        assertThat(EventLayout.isSkipped(store.at(1)))
                .as("replaced by a marker")
                .isTrue();
    }

    @Test
    void an_append_that_reaches_beyond_the_window_is_read_and_delivered_whole() {
        store(2);
        for (long index = 1; index <= 5; index++) {
            store.appendEvent(index, 1, 5, young());
        }
        store.head(5, young());

        List<? extends TrackedEventData<?>> read = reader(250).fetch(null, 2);

        assertThat(ids(read)).containsExactly("event-1", "event-2", "event-3", "event-4", "event-5");
        assertThat(lastToken(read).getIndex()).isEqualTo(5);
    }

    @Test
    void a_gap_of_the_token_that_is_written_now_is_delivered_without_moving_the_index() {
        store(10);
        store.event(2, young());
        store.head(5, young());

        List<? extends TrackedEventData<?>> read =
                reader(250).fetch(GapAwareTrackingToken.newInstance(5, List.of(2L)), 10);

        assertThat(ids(read)).containsExactly("event-2");
        assertThat(lastToken(read).getIndex()).isEqualTo(5);
        assertThat(lastToken(read).getGaps()).isEmpty();
    }

    @Test
    void a_token_with_more_gaps_than_the_threshold_drops_the_skipped_and_expired_ones_and_keeps_written_ones() {
        store(10);
        store.skipMarker(2);
        store.event(4, old());
        store.head(10, old());

        List<? extends TrackedEventData<?>> read =
                reader(1).fetch(GapAwareTrackingToken.newInstance(10, List.of(2L, 3L, 4L)), 10);

        assertThat(ids(read)).containsExactly("event-4");
        assertThat(lastToken(read).getGaps()).isEmpty();
        assertThat(EventLayout.isSkipped(store.at(3)))
                .as("the expired gap was marked")
                .isTrue();
    }
}
