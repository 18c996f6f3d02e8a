package io.lms.query.admin;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.RenameCollectionOptions;
import io.lms.query.support.ProjectionPositions;
import io.lms.query.support.ReadModelCollections;
import io.lms.query.support.ReadModelsReplaced;
import java.time.Duration;
import java.util.Set;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * Puts a replayed model in the live one's place. The live processor stops here and its segments are claimed for
 * the switch ({@link SegmentClaims}), so no node moves it on; the replay catches up with where it stopped, stops
 * too, and each shadow collection is renamed over its live name ({@code renameCollection} with {@code dropTarget},
 * atomic per collection: a read sees the old collection or the new one). The live processor then goes on from the
 * replay's token. Anything that fails before the renames leaves the live model and its token as they were; a
 * failure between renames leaves the live token too, and as every handler is idempotent, the live processor
 * handling again the events after it brings every collection to the same point.
 */
@Component
class ProjectionSwitch {

    private static final Logger log = LoggerFactory.getLogger(ProjectionSwitch.class);
    private static final long POLL_MILLIS = 50;

    private final SegmentClaims claims;
    private final ProjectionPositions positions;
    private final MongoDatabase database;
    private final ApplicationEventPublisher publisher;
    private final Duration settle;
    private final Duration catchUpTimeout;

    ProjectionSwitch(
            SegmentClaims claims,
            ProjectionPositions positions,
            MongoDatabaseFactory databaseFactory,
            ApplicationEventPublisher publisher,
            @Value("${lms.projections.replay.settle:PT5S}") Duration settle,
            @Value("${lms.projections.replay.catch-up-timeout:PT60S}") Duration catchUpTimeout) {
        this.claims = claims;
        this.positions = positions;
        this.database = databaseFactory.getMongoDatabase();
        this.publisher = publisher;
        this.settle = settle;
        this.catchUpTimeout = catchUpTimeout;
    }

    void switchOver(TrackingEventProcessor live, ProjectionReplay replay) throws InterruptedException {
        String name = replay.name();
        boolean wasRunning = live.isRunning();
        live.shutDown();
        try {
            if (claims.takeOver(name)) {
                // another node's batch in flight may still write; it ends within its own time, not ours
                waitRefreshing(name, settle);
            }
            TrackingToken stopped = positions.passedBy(name).orElse(null);
            awaitCovering(replay, stopped, name);
            replay.stop();
            TrackingToken reached = positions
                    .passedBy(ProjectionReplay.processorName(name))
                    .orElseThrow(() -> new IllegalStateException("the replay stored no token"));
            if (stopped != null && !reached.covers(stopped)) {
                throw new IllegalStateException("the replay stopped at " + reached + ", before " + stopped);
            }
            rename(replay.collections());
            claims.releaseAt(name, reached);
            log.info("Projection {} replaced by its replay at {}: {}", name, reached, replay.collections());
        } catch (InterruptedException | RuntimeException e) {
            claims.release(name);
            throw e;
        } finally {
            if (wasRunning) {
                live.start();
            }
        }
        publisher.publishEvent(new ReadModelsReplaced(name, replay.collections()));
    }

    /** Drops what is left of the shadow collections (all of them after a failure before the renames). */
    void dropShadows(Set<String> collections) {
        collections.forEach(
                c -> database.getCollection(ReadModelCollections.shadowName(c)).drop());
    }

    private void rename(Set<String> collections) {
        for (String collection : collections) {
            database.getCollection(ReadModelCollections.shadowName(collection))
                    .renameCollection(
                            new MongoNamespace(database.getName(), collection),
                            new RenameCollectionOptions().dropTarget(true));
        }
    }

    /** Waits until the replay has handled every event the stopped live processor had. */
    private void awaitCovering(ProjectionReplay replay, TrackingToken stopped, String name)
            throws InterruptedException {
        long deadline = System.nanoTime() + catchUpTimeout.toNanos();
        while (true) {
            String error = replay.error();
            if (error != null) {
                throw new IllegalStateException(error);
            }
            TrackingToken reached = replay.reached();
            if (reached != null && (stopped == null || reached.covers(stopped))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the replay did not reach " + stopped + " within " + catchUpTimeout);
            }
            claims.refresh(name);
            Thread.sleep(POLL_MILLIS);
        }
    }

    private void waitRefreshing(String name, Duration duration) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            claims.refresh(name);
            Thread.sleep(Math.min(1_000, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }
}
