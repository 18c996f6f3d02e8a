package io.lms.query.nodes;

import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Shares each projection's segments between the query nodes that run. Axon's tracking processors claim every
 * unclaimed segment they have a thread for, and never give one back by themselves: the first node to start takes
 * them all. Every {@code lms.projections.balance-interval} this node counts the nodes that run ({@link QueryNodes})
 * and, for each processor, releases the segments it holds beyond its share (the segment count over the nodes,
 * rounded up) for long enough that another node's processor claims them. A node that stops cleanly releases its
 * claims (Axon) and leaves {@code query_nodes}; the claims of one that dies time out after
 * {@code lms.axon.token-claim-timeout}. Either way the others' shares grow and their processors claim the segments.
 */
@Component
class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final ApplicationContext context;
    private final QueryNodes nodes;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final Duration interval;
    private final Duration releaseFor;
    private ScheduledExecutorService scheduler;

    SegmentBalancer(
            ApplicationContext context,
            QueryNodes nodes,
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            @Value("${lms.projections.balance-interval:PT2S}") Duration interval,
            @Value("${lms.projections.token-claim-interval:PT5S}") Duration claimInterval) {
        this.context = context;
        this.nodes = nodes;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.interval = interval;
        // long enough for another node's processor to look for unclaimed segments twice
        this.releaseFor = claimInterval.multipliedBy(2).plus(interval);
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::balanceSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Before the processors stop (they release their claims then): the others' shares grow at once. Only when this
     * node's own context closes: a child context's events reach its parent's listeners too, and a replay's handlers
     * live in one that closes when the replay ends ({@code io.lms.query.admin.ReplayHandlers}).
     */
    @EventListener(ContextClosedEvent.class)
    void onClose(ContextClosedEvent closed) {
        if (closed.getApplicationContext() == context) {
            stop();
        }
    }

    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            awaitRoundEnd(scheduler); // a round in flight would write the heartbeat back after the node left
            scheduler = null;
            try {
                nodes.leave();
            } catch (RuntimeException e) {
                log.warn("could not leave query_nodes: {}", e.toString());
            }
        }
    }

    private static void awaitRoundEnd(ScheduledExecutorService stopping) {
        try {
            stopping.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void balanceSafely() {
        try {
            balance();
        } catch (RuntimeException e) { // the next round tries again; MongoDB may be away for a moment
            log.warn("balancing the projections' segments failed: {}", e.toString());
        }
    }

    void balance() {
        nodes.heartbeat();
        int live = nodes.live();
        processing.eventProcessors().values().stream()
                .filter(TrackingEventProcessor.class::isInstance)
                .map(TrackingEventProcessor.class::cast)
                .filter(TrackingEventProcessor::isRunning)
                .forEach(processor -> balance(processor, live));
    }

    private void balance(TrackingEventProcessor processor, int live) {
        int segments = tokenStore.fetchSegments(processor.getName()).length;
        int share = (segments + live - 1) / live;
        int surplus = processor.processingStatus().size() - share;
        if (segments == 0 || surplus <= 0) {
            return;
        }
        processor.processingStatus().keySet().stream()
                .sorted(Comparator.reverseOrder())
                .limit(surplus)
                .forEach(segment -> {
                    log.info(
                            "{} nodes run: releasing segment {} of {} ({} of {} is this node's share)",
                            live,
                            segment,
                            processor.getName(),
                            share,
                            segments);
                    processor.releaseSegment(segment, releaseFor.toMillis(), TimeUnit.MILLISECONDS);
                });
    }
}
