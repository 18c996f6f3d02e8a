package io.lms.query.admin;

import io.lms.query.support.GroupInterceptors;
import io.lms.query.support.ReadModelCollections;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The replaying half of one rebuild: a tracking processor of its own ({@code <name>-replay}, one segment, from the
 * first event) over fresh handlers whose read models write to the shadow collections, with the same event store,
 * upcasters, parameter resolvers, group interceptors and shared token store as the live processor. What it has
 * reached is read from its status; an error of a handler stops the rebuild rather than being retried.
 */
final class ProjectionReplay implements AutoCloseable {

    private final String name;
    private final ReplayHandlers.Built built;
    private final TrackingEventProcessor processor;

    private ProjectionReplay(String name, ReplayHandlers.Built built, TrackingEventProcessor processor) {
        this.name = name;
        this.built = built;
        this.processor = processor;
    }

    static String processorName(String projection) {
        return projection + "-replay";
    }

    static ProjectionReplay start(
            String projection,
            ReplayHandlers handlers,
            GroupInterceptors interceptors,
            ReadModelCollections shadow,
            Configuration axon,
            EventStore eventStore,
            TokenStore tokenStore,
            int batchSize) {
        ReplayHandlers.Built built = handlers.build(projection, shadow);
        try {
            List<EventMessageHandler> adapters = built.handlers().stream()
                    .map(handler -> (EventMessageHandler) new AnnotationEventHandlerAdapter(
                            handler, axon.parameterResolverFactory(), axon.handlerDefinition(handler.getClass())))
                    .toList();
            TrackingEventProcessor processor = TrackingEventProcessor.builder()
                    .name(processorName(projection))
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                            .eventHandlers(adapters)
                            .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                            .build())
                    .messageSource(eventStore)
                    .tokenStore(tokenStore)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .trackingEventProcessorConfiguration(
                            TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(batchSize)
                                    .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                    .build();
            interceptors.create(projection).forEach(processor::registerHandlerInterceptor);
            processor.start();
            return new ProjectionReplay(projection, built, processor);
        } catch (RuntimeException e) {
            built.close();
            throw e;
        }
    }

    /** The collections the replayed projections own, by their live names. */
    java.util.Set<String> collections() {
        return built.collections();
    }

    /** The handler's error, if the replay failed on an event. */
    String error() {
        return processor.processingStatus().values().stream()
                .filter(EventTrackerStatus::isErrorState)
                .findFirst()
                .map(status -> status.getError() == null
                        ? "failed"
                        : status.getError().getClass().getSimpleName() + ": "
                                + status.getError().getMessage())
                .orElse(null);
    }

    /** The token of the last batch handled, or null before the first. */
    TrackingToken reached() {
        return processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getTrackingToken)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    long position() {
        TrackingToken token = reached();
        return token == null ? 0 : token.position().orElse(0);
    }

    /** Percent of the way to the head, below 100 until the switch is done. */
    double progress(LongSupplier head) {
        long target = head.getAsLong();
        return target <= 0 ? 99.9 : Math.min(99.9, 100.0 * position() / target);
    }

    String name() {
        return name;
    }

    /** Stops the processor (it releases its claim); its handlers stay until {@link #close}. */
    void stop() {
        processor.shutDown();
    }

    @Override
    public void close() {
        if (processor.isRunning()) {
            processor.shutDown();
        }
        built.close();
    }

    static Instant now() {
        return Instant.now();
    }
}
