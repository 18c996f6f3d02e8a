package io.lms.command.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Aggregates are cached between commands (a command on a hot aggregate does not reload its history) and
 * snapshotted every {@code lms.snapshot.threshold} events, so that loading stays cheap as histories grow.
 */
@Configuration(proxyBeanMethods = false)
public class CommandSideAxonConfiguration {

    @Bean
    public Cache aggregateCache() {
        return new WeakReferenceCache();
    }

    @Bean
    public SnapshotTriggerDefinition snapshotTrigger(
            Snapshotter snapshotter, @Value("${lms.snapshot.threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    public CommandOutcomeInterceptor commandOutcomeInterceptor(CommandBus commandBus, EventStore eventStore) {
        CommandOutcomeInterceptor interceptor = new CommandOutcomeInterceptor();
        commandBus.registerHandlerInterceptor(interceptor);
        eventStore.registerDispatchInterceptor(interceptor.appliedEventsRecorder());
        return interceptor;
    }
}
