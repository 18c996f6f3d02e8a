package io.lms.query.admin;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The projections' figures as Micrometer gauges, one set per processor: {@code lms.projection.lag.events},
 * {@code lms.projection.lag.seconds}, {@code lms.projection.position} and {@code lms.projection.replay.progress}
 * (percent, 100 when not replaying). Events handled per second is the rate of {@code lms.projection.position}.
 */
@Component
class ProjectionMetrics {

    private final ProjectionMonitor monitor;
    private final EventProcessingConfiguration processing;
    private final MeterRegistry registry;

    ProjectionMetrics(ProjectionMonitor monitor, EventProcessingConfiguration processing, MeterRegistry registry) {
        this.monitor = monitor;
        this.processing = processing;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        processing.eventProcessors().keySet().forEach(this::register);
    }

    private void register(String name) {
        gauge("lms.projection.lag.events", name, "events the projection is behind the head", s -> s.lagEvents());
        gauge("lms.projection.lag.seconds", name, "age of the oldest event not yet handled", s -> s.lagSeconds());
        gauge("lms.projection.position", name, "global position every segment has passed", s -> s.position());
        gauge(
                "lms.projection.replay.progress",
                name,
                "replay progress in percent",
                s -> s.replayProgress() == null ? 100.0 : s.replayProgress());
    }

    private void gauge(String metric, String processor, String description, Figure figure) {
        Gauge.builder(metric, () -> monitor.named(processor).map(figure::of).orElse(Double.NaN))
                .tag("processor", processor)
                .description(description)
                .register(registry);
    }

    private interface Figure {
        double of(ProjectionState state);
    }
}
