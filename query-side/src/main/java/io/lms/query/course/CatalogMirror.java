package io.lms.query.course;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import io.lms.api.course.CourseView;
import io.lms.query.course.CatalogIndex.Criteria;
import io.lms.query.course.CatalogIndex.Entry;
import io.lms.query.course.CatalogIndex.RenderedPage;
import io.lms.query.support.ProjectionPositions;
import io.lms.query.support.ReadModelsReplaced;
import io.lms.query.support.VersionedDocuments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every query node's in-memory copy of the published courses, which the public catalog is answered from.
 *
 * <p>The {@code courses} collection stays the read model; this is a cache of it that knows exactly when it is
 * stale. It follows the event store with its own stream (no token is stored: each node keeps its own position):
 * an event of a course means that course's document will change, so once the {@code courses} projection (maybe on
 * another node) has passed that event, as its token says, the mirror re-reads that document by {@code _id}. At start-up it loads every course document after reading
 * how far the {@code courses} projection has got, and streams from there: every event the loaded documents may
 * miss is seen again. So the mirror never keeps an outdated course, whichever node projects.
 *
 * <p>Until the first load is done (and when disabled) {@link #render} answers empty and the catalog is read from
 * MongoDB. A full reload every {@code lms.catalog.mirror.reconcile-interval} also takes in what no course event
 * announces (a projection rebuilt after a reset). The enrollment and review projections write a course's
 * {@code rating} and {@code enrollment_count} from their own aggregates' events without moving its version:
 * {@link #courseOf} names the course of those events, and the document is taken again at the same version.
 */
@Component
class CatalogMirror implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(CatalogMirror.class);

    /** The type Axon gives the events of the Course aggregate (its class's simple name). */
    static final String COURSE_AGGREGATE = "Course";

    private static final int MAX_EVENTS_PER_ROUND = 1_000;
    private static final int MAX_IDS_PER_READ = 500;
    private static final int LOAD_BATCH_SIZE = 1_000;

    private final CourseReadModel readModel;
    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final ProjectionPositions positions;
    private final ObjectMapper json;
    private final boolean enabled;
    private final Duration reconcileInterval;

    /** Written by the mirror thread only; read by request threads. */
    private volatile CatalogIndex index;

    private volatile TrackingToken position;
    private volatile String problem;
    private volatile long eventsRead;
    private volatile int awaitedCount;

    // the mirror thread's own state
    private final Map<ObjectId, Long> versions = new HashMap<>();
    private final Map<ObjectId, Awaited> awaited = new HashMap<>();
    private BlockingStream<TrackedEventMessage<?>> stream;
    private long nextReconcile;

    private volatile boolean running;
    private volatile boolean reloadAsked;
    private Thread thread;

    /**
     * A course whose document the event at {@code token} moves to {@code version} (its latest such event);
     * {@code figures}: an enrollment or review event changed its rating or enrollment count, which leaves the
     * version as it is, so the document is taken again at the same version.
     */
    private record Awaited(long version, TrackingToken token, boolean figures) {

        Awaited merge(Awaited later) {
            return new Awaited(Math.max(version, later.version), later.token, figures || later.figures);
        }
    }

    CatalogMirror(
            CourseReadModel readModel,
            StreamableMessageSource<TrackedEventMessage<?>> events,
            ProjectionPositions positions,
            ObjectMapper json,
            @Value("${lms.catalog.mirror.enabled:true}") boolean enabled,
            @Value("${lms.catalog.mirror.reconcile-interval:PT10M}") Duration reconcileInterval) {
        this.readModel = readModel;
        this.events = events;
        this.positions = positions;
        this.json = json;
        this.enabled = enabled;
        this.reconcileInterval = reconcileInterval;
    }

    /** The page from memory, in JSON, or empty when the mirror is not ready (the caller then asks MongoDB). */
    Optional<RenderedPage> render(CatalogQuery query, int page, int size) {
        CatalogIndex current = index;
        return current == null ? Optional.empty() : Optional.of(current.render(Criteria.of(query), page, size));
    }

    boolean ready() {
        return index != null;
    }

    /** The published course as the mirror holds it (for tests and diagnostics). */
    Optional<Entry> entry(ObjectId id) {
        CatalogIndex current = index;
        return current == null ? Optional.empty() : current.get(id);
    }

    /** Events read from the store since start-up. */
    long eventsRead() {
        return eventsRead;
    }

    /** Courses with an event that the {@code courses} projection has not passed yet (a measure of its lag). */
    int awaitedCount() {
        return awaitedCount;
    }

    @Override
    public Health health() {
        CatalogIndex current = index;
        // not ready until the first load is done: the node then answers the catalog from MongoDB, which is correct
        // but slow enough that a load balancer should wait (the readiness group includes this indicator)
        Health.Builder health = (current != null || !enabled ? Health.up() : Health.outOfService())
                .withDetail("enabled", enabled)
                .withDetail("ready", current != null)
                .withDetail("published_courses", current == null ? 0 : current.size())
                .withDetail("awaited_courses", awaitedCount)
                .withDetail(
                        "position",
                        position == null || position.position().isEmpty()
                                ? -1
                                : position.position().getAsLong());
        if (problem != null) {
            health.withDetail("problem", problem);
        }
        return health.build();
    }

    @Override
    public void start() {
        running = true;
        if (!enabled) {
            return;
        }
        thread = new Thread(this::run, "catalog-mirror");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeStream();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A replay put a rebuilt {@code courses} in place: the next round loads every course again. */
    @EventListener
    void on(ReadModelsReplaced replaced) {
        if (replaced.collections().contains("courses")) {
            reloadAsked = true;
        }
    }

    /** After the event processors, so that a node's own projection is already under way. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }

    private void run() {
        long backoff = 100;
        while (running) {
            try {
                if (stream == null) {
                    open();
                }
                round();
                backoff = 100;
                problem = null;
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                log.warn("Catalog mirror failed; retrying from position {} in {} ms", position, backoff, e);
                closeStream();
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
        closeStream();
    }

    /**
     * The first time: reads how far the projection has got, loads every course, then streams from that point.
     * After a failure: streams on from the last event seen, keeping what is loaded.
     */
    private void open() {
        if (index == null) {
            TrackingToken start = positions.passedBy(CourseProjection.NAME).orElse(null);
            Map<ObjectId, Optional<Entry>> changes = new HashMap<>();
            for (Document course : allCourses()) {
                take(course, true, changes);
            }
            position = start;
            stream = events.openStream(start);
            index = CatalogIndex.empty().with(changes);
            nextReconcile = System.nanoTime() + reconcileInterval.toNanos();
            log.info("Catalog mirror loaded {} published courses; following events from {}", index.size(), start);
        } else {
            stream = events.openStream(position);
        }
    }

    private void round() throws InterruptedException {
        long wait = awaited.isEmpty() ? 200 : 20;
        if (stream.hasNextAvailable((int) wait, TimeUnit.MILLISECONDS)) {
            int seen = 0;
            do {
                TrackedEventMessage<?> event = stream.nextAvailable();
                note(event);
                position = event.trackingToken();
                eventsRead++;
                seen++;
            } while (seen < MAX_EVENTS_PER_ROUND && stream.hasNextAvailable());
        }
        Map<ObjectId, Optional<Entry>> changes = new HashMap<>();
        if (!awaited.isEmpty()) {
            reread(changes);
        }
        if (reloadAsked || System.nanoTime() - nextReconcile > 0) {
            reloadAsked = false;
            for (Document course : allCourses()) {
                take(course, true, changes);
            }
            nextReconcile = System.nanoTime() + reconcileInterval.toNanos();
        }
        if (!changes.isEmpty()) {
            index = index.with(changes);
        }
        awaitedCount = awaited.size();
    }

    private void note(TrackedEventMessage<?> event) {
        courseOf(event).ifPresent(course -> {
            boolean figures = !isCourseEvent(event);
            long version = figures ? -1 : ((DomainEventMessage<?>) event).getSequenceNumber();
            if (figures || versions.getOrDefault(course, -1L) < version) {
                awaited.merge(course, new Awaited(version, event.trackingToken(), figures), Awaited::merge);
            }
        });
    }

    private static boolean isCourseEvent(TrackedEventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain && COURSE_AGGREGATE.equals(domain.getType());
    }

    /**
     * The course whose document an event changes: a course's own events, by their aggregate id, read without
     * deserializing the payload; and the enrollment and review events that change its {@code rating} or
     * {@code enrollment_count} (only those payloads are deserialized, to read their course).
     */
    static Optional<ObjectId> courseOf(TrackedEventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domain
                && COURSE_AGGREGATE.equals(domain.getType())
                && ObjectId.isValid(domain.getAggregateIdentifier())) {
            return Optional.of(new ObjectId(domain.getAggregateIdentifier()));
        }
        if (LearningEvents.changesCourseFigures(event.getPayloadType())) {
            return LearningEvents.courseOf(event.getPayload())
                    .filter(ObjectId::isValid)
                    .map(ObjectId::new);
        }
        return Optional.empty();
    }

    /**
     * Reads the awaited courses whose events the {@code courses} projection has passed (its token covers them):
     * their documents reflect those events now, so one read each settles them, whether the event moved the document
     * or not. Courses the projection has not reached yet are not read at all, however long it lags.
     */
    private void reread(Map<ObjectId, Optional<Entry>> changes) {
        Optional<TrackingToken> passed = positions.passedBy(CourseProjection.NAME);
        if (passed.isEmpty()) {
            return;
        }
        List<ObjectId> settled = new ArrayList<>();
        for (Map.Entry<ObjectId, Awaited> e : awaited.entrySet()) {
            if (passed.get().covers(e.getValue().token())) {
                settled.add(e.getKey());
            }
        }
        for (int from = 0; from < settled.size(); from += MAX_IDS_PER_READ) {
            List<ObjectId> chunk = settled.subList(from, Math.min(settled.size(), from + MAX_IDS_PER_READ));
            for (Document course : readModel.courses().find(Filters.in("_id", chunk))) {
                take(
                        course,
                        course.get("_id") instanceof ObjectId id
                                && awaited.get(id).figures(),
                        changes);
            }
        }
        settled.forEach(awaited::remove);
    }

    /**
     * A newer document replaces the one held, and on a full load one of the same version too (a rebuilt projection
     * may render it differently); an older one (a projection being rebuilt) does not.
     */
    private void take(Document course, boolean sameVersionToo, Map<ObjectId, Optional<Entry>> changes) {
        if (!(course.get("_id") instanceof ObjectId id)) {
            return;
        }
        long version = VersionedDocuments.versionOf(course);
        long held = versions.getOrDefault(id, -1L);
        if (version < held || (version == held && !sameVersionToo)) {
            return;
        }
        versions.put(id, version);
        changes.put(
                id,
                "published".equals(course.getString("status"))
                        ? Optional.of(Entry.of(course, this::toJson))
                        : Optional.empty());
    }

    /** The course as the REST API renders it (the application's {@code ObjectMapper}). */
    private byte[] toJson(CourseView view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render course " + view.id(), e);
        }
    }

    /**
     * Every course document, in batches of a bounded size: without one the embedded server answers a getMore with
     * all the rest at once, which at 100,000 courses is over the driver's 48 MB message limit, and the load failed.
     */
    private Iterable<Document> allCourses() {
        return readModel.courses().find().batchSize(LOAD_BATCH_SIZE);
    }

    private void closeStream() {
        BlockingStream<TrackedEventMessage<?>> s = stream;
        stream = null;
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                log.debug("Closing the catalog mirror's event stream failed", e);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
