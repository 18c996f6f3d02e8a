package io.lms.system.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.lms.system.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's fault suite. The three processes of {@code ./run.sh} (embedded server on H2, command side, query side)
 * run from their jars on one data folder while six clients send commands ({@link LearnerClient}); the command side,
 * then the query side, then the embedded server are SIGKILLed under that load and started again on the same data
 * and ports. Afterwards:
 *
 * <ul>
 *   <li>every command answered 2xx has its events in the store, at the version it answered;
 *   <li>each is reflected in the read models, exactly once: its document is there (at that version or later), and
 *       each read model has one document per event that creates one;
 *   <li>the read models equal those of a fresh query side that built them from a copy of the events in another
 *       database, document by document, every field.
 * </ul>
 *
 * Runs in the {@code integration-test} phase of {@code ./mvnw -B verify}, after the jars are built; alone:
 * {@code ./mvnw -B -pl system-tests -am verify -Dtest=KilledProcessesUnderLoadTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("fault")
class KilledProcessesUnderLoadTest {

    private static final int CLIENTS = 6;
    /** Commands acknowledged between two faults (and before the first): the load is steady when a process dies. */
    private static final int ACKNOWLEDGED_PER_PHASE = 40;

    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path data;

    private final Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    private final AtomicLong failures = new AtomicLong();
    private final long started = System.nanoTime();

    @Test
    void every_acknowledged_command_survives_killing_each_process_and_the_read_models_equal_a_rebuild()
            throws Exception {
        LocalSystem system = new LocalSystem(data);
        List<ServiceProcess> running = new ArrayList<>();
        try {
            ServiceProcess server = started(running, system.startEmbeddedServer());
            // both services at once, as run.sh starts them
            CompletableFuture<ServiceProcess> starting = CompletableFuture.supplyAsync(() -> {
                try {
                    return system.startQuerySide();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            ServiceProcess command;
            try {
                command = started(running, system.startCommandSide());
            } finally {
                started(running, starting.join()); // stopped at the end even when the command side failed
            }
            ServiceProcess query = running.get(running.size() - 1);
            Http http = new Http(system.commandUrl(), system.queryUrl());
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> clients = startClients(http, stop);

            awaitMoreAcknowledged("before the first fault");
            command.kill();
            log("command side killed");
            command = started(running, system.startCommandSide());
            awaitMoreAcknowledged("after the command side was killed");
            query.kill();
            log("query side killed");
            query = started(running, system.startQuerySide());
            awaitMoreAcknowledged("after the query side was killed");
            server.kill();
            log("embedded server killed");
            server = started(running, system.startEmbeddedServer());
            awaitMoreAcknowledged("after the embedded server was killed");

            stop.set(true);
            for (Thread client : clients) {
                client.join(TimeUnit.MINUTES.toMillis(1));
            }
            Projections.awaitCaughtUp(http, PHASE_TIMEOUT);
            log("load stopped, projections caught up");
            checkStoreAndReadModels(system, running);
        } finally {
            for (int i = running.size() - 1; i >= 0; i--) {
                running.get(i).close(); // services first, then the embedded server, as run.sh stops them
            }
        }
    }

    private void checkStoreAndReadModels(LocalSystem system, List<ServiceProcess> running) throws Exception {
        try (MongoClient client = MongoClients.create(system.mongoUri(LocalSystem.DATABASE))) {
            MongoDatabase live = client.getDatabase(LocalSystem.DATABASE);
            StoredHistory history = new StoredHistory(live);
            ReadModels readModels = new ReadModels(live);
            log("acknowledged by command: " + countsByCommand());

            assertThat(history.missing(acknowledged))
                    .as("acknowledged commands without their events in the store")
                    .isEmpty();
            assertThat(readModels.unreflected(acknowledged))
                    .as("acknowledged commands not reflected in the read models")
                    .isEmpty();
            assertThat(readModels.countsOtherThan(history))
                    .as("read models with more or fewer documents than the events that create them")
                    .isEmpty();

            MongoDatabase copy = client.getDatabase("lms_rebuild");
            for (String collection : List.of("events", "event_counters", "snapshots")) {
                copyCollection(live, copy, collection);
            }
            int port = LocalSystem.freePort();
            ServiceProcess rebuilding =
                    started(running, system.startQuerySide("lms_rebuild", port, "query-side-rebuild.log"));
            Projections.awaitCaughtUp(new Http(system.commandUrl(), "http://127.0.0.1:" + port), PHASE_TIMEOUT);
            log("rebuild caught up");
            ReadModels rebuilt = new ReadModels(copy);
            log("comparing the read models " + rebuilt.names() + " with the rebuild");
            assertThat(rebuilt.names()).as("read models of the rebuild").containsAll(ReadModels.CREATED_BY.keySet());
            assertThat(readModels.differencesFrom(rebuilt))
                    .as("read-model documents that differ from a clean rebuild from the events")
                    .isEmpty();
            rebuilding.close();
        }
    }

    private List<Thread> startClients(Http http, AtomicBoolean stop) {
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Thread thread = new Thread(new LearnerClient(http, acknowledged, stop, failures), "learner-" + i);
            thread.start();
            clients.add(thread);
        }
        return clients;
    }

    private void log(String event) {
        System.out.printf(
                "fault suite, %5.1f s: %s (%d commands acknowledged, %d requests failed)%n",
                (System.nanoTime() - started) / 1e9, event, acknowledged.size(), failures.get());
    }

    private void awaitMoreAcknowledged(String phase) {
        int target = acknowledged.size() + ACKNOWLEDGED_PER_PHASE;
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        while (acknowledged.size() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the load did not go on " + phase + ": " + acknowledged.size()
                        + " commands acknowledged in all, " + failures + " requests failed");
            }
            ServiceProcess.sleep(100);
        }
        log(ACKNOWLEDGED_PER_PHASE + " more acknowledged " + phase);
    }

    private Map<String, Long> countsByCommand() {
        Map<String, Long> counts = new TreeMap<>();
        acknowledged.forEach(ack -> counts.merge(ack.command(), 1L, Long::sum));
        return counts;
    }

    private static ServiceProcess started(List<ServiceProcess> running, ServiceProcess process) {
        running.add(process);
        return process;
    }

    private static void copyCollection(MongoDatabase from, MongoDatabase to, String name) {
        List<BsonDocument> batch = new ArrayList<>();
        for (BsonDocument document :
                from.getCollection(name, BsonDocument.class).find()) {
            batch.add(document);
            if (batch.size() == 500) {
                to.getCollection(name, BsonDocument.class).insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            to.getCollection(name, BsonDocument.class).insertMany(batch);
        }
    }
}
