package io.lms.query.support;

import io.lms.platform.security.PublicEndpoints;
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
     */
    @Bean
    ConfigurerModule projectionProcessingDefaults(@Value("${lms.projections.batch-size:100}") int batchSize) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerTrackingEventProcessorConfiguration(
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(batchSize)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken)));
    }
}
