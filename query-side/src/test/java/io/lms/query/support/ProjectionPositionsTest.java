package io.lms.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pins how a projection's position is read from axon-mongo's token store without claiming it: if axon-mongo
 * changed how it stores tokens, these fail rather than the catalog mirror silently starting in the wrong place.
 */
class ProjectionPositionsTest {

    private AxonOnWireServer axon;
    private ProjectionPositions positions;

    @BeforeEach
    void setUp() {
        axon = AxonOnWireServer.on(WireServer.freshDatabase("projection_positions_test"));
        positions = new ProjectionPositions(axon.database(), axon.tokenSerializer());
    }

    @AfterEach
    void tearDown() {
        axon.close();
    }

    @Test
    void a_processor_without_tokens_has_passed_nothing() {
        assertThat(positions.passedBy("courses")).isEmpty();
    }

    @Test
    void a_stored_token_is_read_back_as_it_was_stored() {
        TrackingToken stored = GapAwareTrackingToken.newInstance(7, List.of(5L));
        axon.tokenStore().initializeTokenSegments("courses", 1, stored);

        assertThat(positions.passedBy("courses")).contains(stored);
        assertThat(positions.passedBy("users")).isEmpty();
    }

    @Test
    void reading_does_not_claim_the_token() {
        axon.tokenStore().initializeTokenSegments("courses", 1, GapAwareTrackingToken.newInstance(3, List.of()));
        axon.tokenStore().fetchToken("courses", 0); // the projection's node claims it

        positions.passedBy("courses");

        // the owner can still store its progress: the read took no claim
        axon.tokenStore().storeToken(GapAwareTrackingToken.newInstance(4, List.of()), "courses", 0);
        assertThat(positions.passedBy("courses")).contains(GapAwareTrackingToken.newInstance(4, List.of()));
    }

    @Test
    void with_several_segments_the_position_is_what_every_segment_has_passed() {
        axon.tokenStore().initializeTokenSegments("courses", 2, GapAwareTrackingToken.newInstance(9, List.of()));
        axon.tokenStore().fetchToken("courses", 1);
        axon.tokenStore().storeToken(GapAwareTrackingToken.newInstance(4, List.of(2L)), "courses", 1);

        TrackingToken passed = positions.passedBy("courses").orElseThrow();

        assertThat(passed.position()).hasValue(4);
        assertThat(passed.covers(GapAwareTrackingToken.newInstance(4, List.of(2L))))
                .isTrue();
        assertThat(passed.covers(GapAwareTrackingToken.newInstance(5, List.of())))
                .isFalse();
    }

    @Test
    void a_replaying_projection_counts_with_the_position_its_replay_has_reached() {
        TrackingToken atReset = GapAwareTrackingToken.newInstance(100, List.of());
        TrackingToken reached = GapAwareTrackingToken.newInstance(30, List.of());
        axon.tokenStore().initializeTokenSegments("courses", 1, ReplayToken.createReplayToken(atReset, reached));

        assertThat(positions.passedBy("courses")).contains(reached);
    }

    @Test
    void a_segment_that_starts_from_the_first_event_has_passed_nothing() {
        axon.tokenStore().initializeTokenSegments("courses", 1, null);

        assertThat(positions.passedBy("courses")).isEmpty();
    }
}
