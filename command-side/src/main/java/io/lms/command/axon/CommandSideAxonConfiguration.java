package io.lms.command.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
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

    /**
     * A cached aggregate is not reloaded for the next command. The cache is this node's: with several command-side
     * nodes, route commands by aggregate id, or turn it off ({@code lms.aggregate-cache.enabled=false}); otherwise
     * a node holding an outdated copy refuses its next command on that aggregate with 409 (and reloads after).
     */
    @Bean
    public Cache aggregateCache(
            @Value("${lms.aggregate-cache.enabled:true}") boolean enabled,
            @Value("${lms.aggregate-cache.max-entries:10000}") int maxEntries) {
        return enabled ? new BoundedAggregateCache(maxEntries) : NoCache.INSTANCE;
    }

    /**
     * Every {@code threshold} new events, and once after a load of a long history rather than once for every
     * {@code threshold} events the load replays, which Axon's {@code EventCountSnapshotTriggerDefinition} does
     * (an aggregate without a snapshot, after a restore or a deleted snapshot, would pay them in its next command).
     */
    @Bean
    public SnapshotTriggerDefinition snapshotTrigger(
            Snapshotter snapshotter, @Value("${lms.snapshot.threshold:50}") int threshold) {
        return new SnapshotAfterLoadTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    public CommandOutcomeInterceptor commandOutcomeInterceptor(CommandBus commandBus, EventStore eventStore) {
        CommandOutcomeInterceptor interceptor = new CommandOutcomeInterceptor();
        commandBus.registerHandlerInterceptor(interceptor);
        eventStore.registerDispatchInterceptor(interceptor.appliedEventsRecorder());
        return interceptor;
    }
}
