package io.lms.query.course;

import io.lms.query.support.GroupInterceptor;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CourseProcessingConfiguration {

    /** See {@link SequencedByCourse}. */
    @Bean
    ConfigurerModule coursesSequencedByCourse() {
        return configurer -> configurer.eventProcessing(
                processing -> processing.registerSequencingPolicy(CourseProjection.NAME, c -> new SequencedByCourse()));
    }

    /** Every projection of the group writes each batch of events at once. */
    @Bean
    GroupInterceptor coursesWriteInBatches() {
        return GroupInterceptor.writesInBatches(CourseProjection.NAME);
    }
}
