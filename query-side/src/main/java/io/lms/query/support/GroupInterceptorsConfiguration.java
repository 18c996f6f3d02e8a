package io.lms.query.support;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GroupInterceptorsConfiguration {

    /** Each live processor gets its group's interceptors (see {@link GroupInterceptors}). */
    @Bean
    ConfigurerModule groupInterceptorsOnLiveProcessors(GroupInterceptors interceptors) {
        return configurer -> configurer.eventProcessing(processing -> interceptors
                .declared()
                .forEach(declared -> processing.registerHandlerInterceptor(
                        declared.group(), c -> declared.factory().get())));
    }
}
