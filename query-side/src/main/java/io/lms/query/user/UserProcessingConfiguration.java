package io.lms.query.user;

import io.lms.query.support.GroupInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class UserProcessingConfiguration {

    /** The users projection writes each batch of events at once. */
    @Bean
    GroupInterceptor userWriteInBatches() {
        return GroupInterceptor.writesInBatches(UserProjection.NAME);
    }
}
