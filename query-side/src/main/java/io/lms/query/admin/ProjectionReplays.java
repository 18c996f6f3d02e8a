package io.lms.query.admin;

import io.lms.api.error.ErrorCode;
import io.lms.platform.error.DomainException;
import io.lms.query.support.GroupInterceptors;
import io.lms.query.support.ProjectionPositions;
import io.lms.query.support.ReadModelCollections;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/admin/projections/{name}/replay}: rebuilds a projection from the first event into shadow
 * collections ({@link ProjectionReplay}) while the live ones keep serving, then switches over
 * ({@link ProjectionSwitch}). One replay per projection at a time, each on a thread of its own; the outcome of
 * the last one stays visible (failed, with its error) until the next.
 */
@Component
class ProjectionReplays {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplays.class);
    private static final long POLL_MILLIS = 100;

    enum Phase {
        REPLAYING,
        SWITCHING,
        DONE,
        FAILED
    }

    /** One replay as an admin sees it. */
    static final class Run {
        private final Instant startedAt = Instant.now();
        private volatile Phase phase = Phase.REPLAYING;
        private volatile ProjectionReplay replay;
        private volatile String error;
        private volatile long events;

        Phase phase() {
            return phase;
        }

        boolean active() {
            return phase == Phase.REPLAYING || phase == Phase.SWITCHING;
        }

        String error() {
            return error;
        }

        /** Percent of the head the replay has reached (below 100 until switched). */
        double progress(long head) {
            ProjectionReplay current = replay;
            if (phase == Phase.DONE) {
                return 100.0;
            }
            return current == null ? 0.0 : current.progress(() -> head);
        }

        Instant startedAt() {
            return startedAt;
        }

        long events() {
            return events;
        }
    }

    private final EventProcessingConfiguration processing;
    private final ReplayHandlers handlers;
    private final GroupInterceptors interceptors;
    private final ProjectionSwitch switcher;
    private final SegmentClaims claims;
    private final ProjectionPositions positions;
    private final Configuration axon;
    private final EventStore eventStore;
    private final TokenStore tokenStore;
    private final MongoDatabaseFactory databaseFactory;
    private final int batchSize;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    ProjectionReplays(
            EventProcessingConfiguration processing,
            ReplayHandlers handlers,
            GroupInterceptors interceptors,
            ProjectionSwitch switcher,
            SegmentClaims claims,
            ProjectionPositions positions,
            Configuration axon,
            EventStore eventStore,
            TokenStore tokenStore,
            MongoDatabaseFactory databaseFactory,
            @Value("${lms.projections.replay.batch-size:500}") int batchSize) {
        this.processing = processing;
        this.handlers = handlers;
        this.interceptors = interceptors;
        this.switcher = switcher;
        this.claims = claims;
        this.positions = positions;
        this.axon = axon;
        this.eventStore = eventStore;
        this.tokenStore = tokenStore;
        this.databaseFactory = databaseFactory;
        this.batchSize = batchSize;
    }

    /** Starts a replay: 404 for a projection that does not exist, 409 while one of it runs. */
    Run start(String name) {
        TrackingEventProcessor live = processing
                .eventProcessor(name, TrackingEventProcessor.class)
                .filter(p -> handlers.hasGroup(name))
                .orElseThrow(() -> DomainException.notFound("projection", name));
        Run run = new Run();
        Run current = runs.compute(name, (key, previous) -> previous != null && previous.active() ? previous : run);
        if (current != run) {
            throw new DomainException(ErrorCode.REPLAY_RUNNING, "A replay of " + name + " is already running");
        }
        Thread thread = new Thread(() -> execute(name, live, run), "projection-replay-" + name);
        thread.setDaemon(true);
        thread.start();
        return run;
    }

    /** The running or last replay of the projection on this node. */
    Optional<Run> of(String name) {
        return Optional.ofNullable(runs.get(name));
    }

    private void execute(String name, TrackingEventProcessor live, Run run) {
        String replayName = ProjectionReplay.processorName(name);
        ReadModelCollections shadow = ReadModelCollections.shadow(databaseFactory.getMongoDatabase());
        boolean switched = false;
        Throwable failure = null;
        claims.delete(replayName); // the token of an unfinished replay: this one starts from the first event
        try (ProjectionReplay replay =
                ProjectionReplay.start(name, handlers, interceptors, shadow, axon, eventStore, tokenStore, batchSize)) {
            run.replay = replay;
            long from = System.nanoTime();
            awaitNearLive(name, replay);
            run.phase = Phase.SWITCHING;
            switcher.switchOver(live, replay);
            switched = true;
            run.events =
                    positions.passedBy(name).map(t -> t.position().orElse(0)).orElse(0L); // the replay's, now live
            log.info(
                    "Replay of {} done: {} positions in {} ms",
                    name,
                    run.events,
                    (System.nanoTime() - from) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            if (!switched) {
                switcher.dropShadows(shadow.named());
            }
            claims.delete(replayName);
        }
        // the outcome shows once everything is cleaned up: a failed replay has left no shadow behind
        if (failure != null) {
            fail(run, name, failure);
        } else {
            run.phase = Phase.DONE;
        }
    }

    /** Until the replay has reached the live projection's position (the switch then closes the last gap). */
    private void awaitNearLive(String name, ProjectionReplay replay) throws InterruptedException {
        while (true) {
            String error = replay.error();
            if (error != null) {
                throw new IllegalStateException(error);
            }
            long live =
                    positions.passedBy(name).map(t -> t.position().orElse(0)).orElse(0L);
            if (replay.reached() != null && replay.position() >= live) {
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static void fail(Run run, String name, Throwable e) {
        run.error = e.getClass().getSimpleName() + ": " + e.getMessage();
        run.phase = Phase.FAILED;
        log.warn("Replay of {} failed; the live model keeps serving", name, e);
    }
}
