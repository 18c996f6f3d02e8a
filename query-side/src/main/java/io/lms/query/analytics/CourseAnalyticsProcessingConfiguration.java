package io.lms.query.analytics;

import io.lms.query.support.GroupInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CourseAnalyticsProcessingConfiguration {

    /** The course analytics projection writes each batch of events at once. */
    @Bean
    GroupInterceptor analyticsWriteInBatches() {
        return GroupInterceptor.writesInBatches(CourseAnalyticsProjection.NAME);
    }
}
