package io.lms.query.forum;

import io.lms.query.support.GroupInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ForumProcessingConfiguration {

    /** The forums projection writes each batch of events at once. */
    @Bean
    GroupInterceptor forumWriteInBatches() {
        return GroupInterceptor.writesInBatches(ForumProjection.NAME);
    }
}
