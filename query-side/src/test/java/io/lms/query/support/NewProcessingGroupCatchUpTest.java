package io.lms.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.analytics.CourseAnalyticsView;
import io.lms.query.analytics.AnalyticsFixtures;
import io.lms.query.analytics.CourseAnalyticsProjection;
import io.lms.query.analytics.CourseAnalyticsReadModel;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a new projection relies on: a processing group that has no token yet starts at the tail of the event store,
 * so it catches up with the history stored before it existed. Pinned with the query side's processing defaults
 * ({@link QuerySideConfiguration} asks for the tail token) and with Axon's own default, on the real event store,
 * with the course-analytics projection as the new group: its figures are those of the whole history.
 */
class NewProcessingGroupCatchUpTest {

    @ParameterizedTest(name = "with the query side''s defaults: {0}")
    @ValueSource(booleans = {true, false})
    void a_new_processing_group_catches_up_with_the_history_stored_before_it(boolean querySideDefaults)
            throws Exception {
        try (AxonOnWireServer axon = AxonOnWireServer.on(WireServer.freshDatabase("new_group_catch_up_test"))) {
            axon.eventStore().publish(AnalyticsFixtures.sixStudentsHistory());
            CourseAnalyticsReadModel readModel = new CourseAnalyticsReadModel(axon.database());
            Configurer configurer = DefaultConfigurer.defaultConfiguration()
                    .configureSerializer(c -> axon.tokenSerializer())
                    .configureEventSerializer(c -> axon.tokenSerializer())
                    .configureMessageSerializer(c -> axon.tokenSerializer())
                    .configureEventStore(c -> axon.eventStore())
                    .registerComponent(TokenStore.class, c -> axon.tokenStore());
            if (querySideDefaults) {
                new QuerySideConfiguration()
                        .projectionProcessingDefaults(100, 2, java.time.Duration.ofSeconds(5))
                        .configureModule(configurer);
            }
            configurer.eventProcessing(
                    processing -> processing.registerEventHandler(c -> new CourseAnalyticsProjection(readModel)));
            Configuration configuration = configurer.start();
            try {
                assertThat(figuresWithin(readModel, Duration.ofSeconds(60)))
                        .isEqualTo(AnalyticsFixtures.sixStudentsFigures());
            } finally {
                configuration.shutdown();
            }
        }
    }

    /** The figures once the projection has handled the last event of the history, or the last seen at the deadline. */
    private static CourseAnalyticsView figuresWithin(CourseAnalyticsReadModel readModel, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        CourseAnalyticsView figures = AnalyticsFixtures.figures(readModel);
        while (!AnalyticsFixtures.sixStudentsFigures().equals(figures)
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            figures = AnalyticsFixtures.figures(readModel);
        }
        return figures;
    }
}
