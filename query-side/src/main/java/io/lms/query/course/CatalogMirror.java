package io.lms.query.course;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import io.lms.query.course.CatalogIndex.Entry;
import io.lms.query.course.CatalogIndex.RenderedPage;
import io.lms.query.support.ProjectionPositions;
import io.lms.query.support.ReadModelsReplaced;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * {@link CourseEventFollower#courseOf} names the course of those events, and the document is taken again at the
 * same version.
 *
 * <p>The parts: {@link CourseEventFollower} follows the events and knows which courses are awaited, {@link
 * CatalogCopy} holds the courses and answers pages; this class runs the thread that reads the documents
 * between them, and reports the mirror's health.
 */
@Component
class CatalogMirror implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(CatalogMirror.class);

    private static final int MAX_IDS_PER_READ = 500;
    private static final int LOAD_BATCH_SIZE = 1_000;

    private final CourseReadModel readModel;
    private final ProjectionPositions positions;
    private final boolean enabled;
    private final Duration reconcileInterval;

    /** Changed by the mirror thread only; read by request threads. */
    private final CatalogCopy copy;

    private final CourseEventFollower follower;

    private volatile String problem;
    private long nextReconcile;

    private volatile boolean running;
    private volatile boolean reloadAsked;
    private Thread thread;

    CatalogMirror(
            CourseReadModel readModel,
            StreamableMessageSource<TrackedEventMessage<?>> events,
            ProjectionPositions positions,
            ObjectMapper json,
            @Value("${lms.catalog.mirror.enabled:true}") boolean enabled,
            @Value("${lms.catalog.mirror.reconcile-interval:PT10M}") Duration reconcileInterval) {
        this.readModel = readModel;
        this.positions = positions;
        this.enabled = enabled;
        this.reconcileInterval = reconcileInterval;
        this.copy = new CatalogCopy(json);
        this.follower = new CourseEventFollower(events);
    }

    /** The page from memory, in JSON, or empty when the mirror is not ready (the caller then asks MongoDB). */
    Optional<RenderedPage> render(CatalogQuery query, int page, int size) {
        return copy.render(query, page, size);
    }

    boolean ready() {
        return copy.loaded();
    }

    /** The published course as the mirror holds it (for tests and diagnostics). */
    Optional<Entry> entry(ObjectId id) {
        return copy.entry(id);
    }

    /** Events read from the store since start-up. */
    long eventsRead() {
        return follower.eventsRead();
    }

    /** Courses with an event that the {@code courses} projection has not passed yet (a measure of its lag). */
    int awaitedCount() {
        return follower.awaitedCount();
    }

    @Override
    public Health health() {
        boolean ready = copy.loaded();
        TrackingToken position = follower.position();
        // not ready until the first load is done: the node then answers the catalog from MongoDB, which is correct
        // but slow enough that a load balancer should wait (the readiness group includes this indicator)
        Health.Builder health = (ready || !enabled ? Health.up() : Health.outOfService())
                .withDetail("enabled", enabled)
                .withDetail("ready", ready)
                .withDetail("published_courses", copy.size())
                .withDetail("awaited_courses", follower.awaitedCount())
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
        follower.close();
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
                if (!follower.isOpen()) {
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
                log.warn("Catalog mirror failed; retrying from position {} in {} ms", follower.position(), backoff, e);
                follower.close();
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
        follower.close();
    }

    /**
     * The first time: reads how far the projection has got, loads every course, then streams from that point.
     * After a failure: streams on from the last event seen, keeping what is loaded.
     */
    private void open() {
        if (!copy.loaded()) {
            TrackingToken start = positions.passedBy(CourseProjection.NAME).orElse(null);
            CatalogCopy.Changes load = copy.changes();
            for (Document course : allCourses()) {
                load.take(course, true);
            }
            follower.openAt(start);
            copy.apply(load);
            nextReconcile = System.nanoTime() + reconcileInterval.toNanos();
            log.info("Catalog mirror loaded {} published courses; following events from {}", copy.size(), start);
        } else {
            follower.reopen();
        }
    }

    private void round() throws InterruptedException {
        follower.read(copy::heldVersion);
        CatalogCopy.Changes changes = copy.changes();
        List<ObjectId> settled = follower.awaitsAny() ? reread(changes) : List.of();
        if (reloadAsked || System.nanoTime() - nextReconcile > 0) {
            reloadAsked = false;
            for (Document course : allCourses()) {
                changes.take(course, true);
            }
            nextReconcile = System.nanoTime() + reconcileInterval.toNanos();
        }
        copy.apply(changes);
        follower.settled(settled);
    }

    /**
     * Reads the awaited courses whose events the {@code courses} projection has passed (its token covers them):
     * their documents reflect those events now, so one read each settles them, whether the event moved the document
     * or not. Courses the projection has not reached yet are not read at all, however long it lags. Answers the
     * courses read, which are awaited no more once the changes are applied (not before: if this round fails, the
     * next one reads them again).
     */
    private List<ObjectId> reread(CatalogCopy.Changes changes) {
        Optional<TrackingToken> passed = positions.passedBy(CourseProjection.NAME);
        if (passed.isEmpty()) {
            return List.of();
        }
        Map<ObjectId, CourseEventFollower.Awaited> settled = follower.passedBy(passed.get());
        List<ObjectId> ids = new ArrayList<>(settled.keySet());
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_READ) {
            List<ObjectId> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_READ));
            for (Document course : readModel.courses().find(Filters.in("_id", chunk))) {
                changes.take(
                        course,
                        course.get("_id") instanceof ObjectId id
                                && settled.get(id).figures());
            }
        }
        return ids;
    }

    /**
     * Every course document, in batches of a bounded size: without one the embedded server answers a getMore with
     * all the rest at once, which at 100,000 courses is over the driver's 48 MB message limit, and the load failed.
     */
    private Iterable<Document> allCourses() {
        return readModel.courses().find().batchSize(LOAD_BATCH_SIZE);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
