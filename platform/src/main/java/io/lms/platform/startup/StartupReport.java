package io.lms.platform.startup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.context.ApplicationListener;

/**
 * Where a service's start-up time goes, for the start-up benchmark (docs/operations.md, "Start-up"): with the
 * system property {@code lms.startup.report=FILE}, Spring's {@link BufferingApplicationStartup} records every
 * start-up step, and once the application is ready they are written to FILE as tab-separated lines
 * {@code id, parent id, step, tags, duration ms, self ms} (self: the duration less that of the steps inside it).
 * Without the property nothing is recorded.
 */
public final class StartupReport {

    private static final String PROPERTY = "lms.startup.report";

    private StartupReport() {}

    /** Records the start-up steps of {@code application} when the system property asks for it. */
    public static SpringApplication install(SpringApplication application) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return application;
        }
        BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
        application.setApplicationStartup(startup);
        Path path = Path.of(file);
        Path target = Files.isDirectory(path)
                ? path.resolve(application.getMainApplicationClass().getSimpleName() + ".tsv")
                : path;
        application.addListeners((ApplicationListener<ApplicationReadyEvent>) ready -> write(startup, target));
        return application;
    }

    private static void write(BufferingApplicationStartup startup, Path file) {
        List<TimelineEvent> events = startup.getBufferedTimeline().getEvents();
        Map<Long, Long> childNanos = new HashMap<>();
        for (TimelineEvent e : events) {
            Long parent = e.getStartupStep().getParentId();
            if (parent != null) {
                childNanos.merge(parent, e.getDuration().toNanos(), Long::sum);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("id\tparent\tstep\ttags\tms\tself_ms");
        for (TimelineEvent e : events) {
            var step = e.getStartupStep();
            Duration duration = e.getDuration();
            long self = duration.toNanos() - childNanos.getOrDefault(step.getId(), 0L);
            String tags = StreamSupport.stream(step.getTags().spliterator(), false)
                    .map(t -> t.getKey() + "=" + t.getValue())
                    .collect(Collectors.joining(";"));
            lines.add(step.getId() + "\t" + (step.getParentId() == null ? "" : step.getParentId()) + "\t"
                    + step.getName() + "\t" + tags.replace('\t', ' ') + "\t" + duration.toMillis() + "\t"
                    + self / 1_000_000);
        }
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
