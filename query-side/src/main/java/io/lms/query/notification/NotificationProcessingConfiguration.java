package io.lms.query.notification;

import io.lms.query.support.GroupInterceptor;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotificationProcessingConfiguration {

    /**
     * The notifications processing group handles every event in the order of the stream, in one segment whatever
     * the segment count: a course update reaches the members of exactly the enrollments before it (another
     * aggregate's events), and a notification is marked read only after the course, forum or certificate event
     * that made it. With more segments, the others of this group stay idle; a second node can still take this one
     * over. (Not Axon's {@code SequentialPolicy}: its one identifier is an {@code Object} whose hash differs from
     * JVM to JVM, so two nodes would place it in different segments, and each could skip it.)
     */
    /**
     * The group writes each batch of events at once: memberships and notifications; a fan-out writes the batch's
     * memberships before it reads them, and marking read writes the batch's notifications before it updates them.
     */
    @Bean
    GroupInterceptor notificationsWriteInBatches() {
        return GroupInterceptor.writesInBatches(NotificationProjection.NAME);
    }

    @Bean
    ConfigurerModule notificationsInStreamOrder() {
        SequencingPolicy<EventMessage<?>> oneSequence = event -> NotificationProjection.NAME;
        return configurer -> configurer.eventProcessing(
                processing -> processing.registerSequencingPolicy(NotificationProjection.NAME, c -> oneSequence));
    }
}
