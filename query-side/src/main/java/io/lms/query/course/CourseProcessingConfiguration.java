package io.lms.query.course;

import io.lms.query.support.VersionedBatch;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CourseProcessingConfiguration {

    /** See {@link SequencedByCourse}; the enrollment projection writes each batch of events at once. */
    @Bean
    ConfigurerModule coursesSequencedByCourse() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSequencingPolicy(CourseProjection.NAME, c -> new SequencedByCourse())
                .registerHandlerInterceptor(CourseProjection.NAME, c -> VersionedBatch.interceptor()));
    }
}
