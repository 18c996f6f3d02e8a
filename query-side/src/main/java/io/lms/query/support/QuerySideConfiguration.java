package io.lms.query.support;

import io.lms.platform.security.PublicEndpoints;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class QuerySideConfiguration {

    /** The public catalog and certificate verification are readable without a token. */
    @Bean
    PublicEndpoints querySidePublicEndpoints() {
        return PublicEndpoints.of(
                PublicEndpoints.get("/api/courses"),
                PublicEndpoints.get("/api/courses/**"),
                PublicEndpoints.get("/api/certificates/**"));
    }

    /**
     * Every projection is a tracking processor that starts at the first event. A failing handler is retried
     * (the processor backs off and tries the same batch again) rather than logged and skipped, which would
     * silently lose the event from the read model.
     *
     * <p>Each processor's stream is split into {@code lms.projections.segments} segments when its tokens are first
     * made (later changes of the setting do not split existing tokens), and every node runs a thread for each, so
     * that one node alone processes them all and two or more share them through their token claims
     * (io.lms.query.nodes.SegmentBalancer hands surplus segments over). A node without a segment looks
     * for an unclaimed one every {@code lms.projections.token-claim-interval}.
     */
    @Bean
    ConfigurerModule projectionProcessingDefaults(
            @Value("${lms.projections.batch-size:100}") int batchSize,
            @Value("${lms.projections.segments:2}") int segments,
            @Value("${lms.projections.token-claim-interval:PT5S}") Duration claimInterval) {
        if (segments < 1) {
            throw new IllegalArgumentException("lms.projections.segments must be at least 1, not " + segments);
        }
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerTrackingEventProcessorConfiguration(
                        c -> TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                                .andInitialSegmentsCount(segments)
                                .andTokenClaimInterval(claimInterval.toMillis(), TimeUnit.MILLISECONDS)
                                .andBatchSize(batchSize)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken)));
    }
}
