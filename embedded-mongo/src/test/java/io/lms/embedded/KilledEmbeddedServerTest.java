package io.lms.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault the default run.sh setup must survive: the embedded server process is killed with SIGKILL while
 * several clients write, and restarted on the same data. Every insert and every increment it acknowledged is
 * there afterwards.
 */
class KilledEmbeddedServerTest {

    private static final int WRITERS = 6;
    private static final int ACKNOWLEDGED_BEFORE_KILL = 300;

    @TempDir
    Path tmp;

    @Test
    void a_server_killed_under_load_keeps_every_write_it_acknowledged() throws Exception {
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("server.log");
        Set<String> acknowledgedInserts = ConcurrentHashMap.newKeySet();
        AtomicLongArray acknowledgedIncrements = new AtomicLongArray(WRITERS);
        AtomicLongArray attemptedIncrements = new AtomicLongArray(WRITERS);

        EmbeddedServerProcess server = EmbeddedServerProcess.start(data, log);
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("lms").getCollection("things");
            CountDownLatch enoughWritten = new CountDownLatch(ACKNOWLEDGED_BEFORE_KILL);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread thread = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            if (i % 2 == 0) {
                                String id = writer + "-" + i;
                                things.insertOne(new Document("_id", id).append("writer", writer));
                                acknowledgedInserts.add(id);
                            } else {
                                attemptedIncrements.incrementAndGet(writer);
                                things.updateOne(
                                        Filters.eq("_id", "counter-" + writer),
                                        Updates.inc("n", 1),
                                        new UpdateOptions().upsert(true));
                                acknowledgedIncrements.incrementAndGet(writer);
                            }
                            enoughWritten.countDown();
                        } catch (RuntimeException serverGone) {
                            return; // unacknowledged: may or may not be stored
                        }
                    }
                });
                thread.start();
                writers.add(thread);
            }
            assertThat(enoughWritten.await(120, TimeUnit.SECONDS))
                    .as("writes acknowledged before the kill")
                    .isTrue();
            server.kill();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join(TimeUnit.SECONDS.toMillis(60));
            }
        } finally {
            server.close();
        }

        try (EmbeddedServerProcess restarted = EmbeddedServerProcess.start(data, log);
                MongoClient client = MongoClients.create(restarted.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("lms").getCollection("things");
            Set<String> stored = new HashSet<>();
            things.find().forEach(doc -> stored.add(doc.getString("_id")));
            assertThat(acknowledgedInserts).hasSizeGreaterThan(ACKNOWLEDGED_BEFORE_KILL / 4);
            assertThat(stored).containsAll(acknowledgedInserts);
            for (int w = 0; w < WRITERS; w++) {
                Document counter =
                        things.find(Filters.eq("_id", "counter-" + w)).first();
                long n = counter == null ? 0 : counter.getInteger("n");
                assertThat(n)
                        .as("increments of writer " + w)
                        .isBetween(acknowledgedIncrements.get(w), attemptedIncrements.get(w));
            }
        }
    }
}
