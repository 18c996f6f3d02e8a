package io.lms.system.scaling;

import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh system for each test that adds a second query node: every projection in {@link #SEGMENTS} segments, and
 * short token-claim timeouts and intervals, so that the nodes share and take over segments within seconds and the
 * tests only poll.
 */
abstract class TwoQueryNodesSystem {

    static final int SEGMENTS = 2;
    static final Duration DEADLINE = Duration.ofMinutes(2);

    private static final Map<String, Object> SETTINGS = Map.of(
            "lms.projections.segments", String.valueOf(SEGMENTS),
            "lms.axon.token-claim-timeout", "PT3S",
            "lms.projections.token-claim-interval", "PT0.5S",
            "lms.projections.balance-interval", "PT0.5S");

    protected SystemUnderTest system;

    protected abstract MongoBackend backend();

    /** Settings of a contract beyond the shared ones. */
    protected Map<String, Object> moreSettings() {
        return Map.of();
    }

    @BeforeEach
    void start() {
        Map<String, Object> settings = new HashMap<>(SETTINGS);
        settings.putAll(moreSettings());
        system = SystemUnderTest.fresh(backend(), settings);
    }

    @AfterEach
    void stop() {
        system.close();
    }
}
