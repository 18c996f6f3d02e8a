package io.lms.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged write is in the data file: a copy of the file taken right after the answer, while the server
 * still runs and has not closed anything (what a killed process leaves behind), holds it.
 */
class DurableAcknowledgementTest {

    @TempDir
    Path tmp;

    @Test
    void an_acknowledged_insert_update_and_delete_are_in_the_data_file_before_any_close() throws IOException {
        Path data = tmp.resolve("data");
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(data);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("lms").getCollection("things");
            things.insertOne(new Document("_id", 1).append("state", "new"));
            things.insertOne(new Document("_id", 2).append("state", "new"));
            things.updateOne(Filters.eq("_id", 1), Updates.set("state", "changed"));
            things.deleteOne(Filters.eq("_id", 2));

            Path copy = copyOfDataFile(data, "after-writes");
            try (EmbeddedMongo reopened = EmbeddedMongo.persistent(copy);
                    MongoClient reader = MongoClients.create(reopened.connectionString())) {
                List<Document> stored =
                        reader.getDatabase("lms").getCollection("things").find().into(new ArrayList<>());
                assertThat(stored).containsExactly(new Document("_id", 1).append("state", "changed"));
            }
        }
    }

    @Test
    void every_write_acknowledged_to_concurrent_writers_is_in_the_data_file() throws Exception {
        Path data = tmp.resolve("data");
        int writers = 8;
        int perWriter = 50;
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(data);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> things = client.getDatabase("lms").getCollection("things");
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        things.insertOne(new Document("_id", writer * 1000 + i).append("writer", writer));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();

            Path copy = copyOfDataFile(data, "after-concurrent-writes");
            try (EmbeddedMongo reopened = EmbeddedMongo.persistent(copy);
                    MongoClient reader = MongoClients.create(reopened.connectionString())) {
                assertThat(reader.getDatabase("lms").getCollection("things").countDocuments())
                        .isEqualTo((long) writers * perWriter);
            }
        }
    }

    @Test
    void a_write_with_journal_write_concern_is_in_the_data_file_with_the_none_durability_too() throws IOException {
        Path data = tmp.resolve("data");
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(data, "127.0.0.1", 0, Durability.NONE);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            client.getDatabase("lms")
                    .getCollection("things")
                    .withWriteConcern(WriteConcern.ACKNOWLEDGED.withJournal(true))
                    .insertOne(new Document("_id", 1));

            Path copy = copyOfDataFile(data, "after-journaled-write");
            try (EmbeddedMongo reopened = EmbeddedMongo.persistent(copy);
                    MongoClient reader = MongoClients.create(reopened.connectionString())) {
                assertThat(reader.getDatabase("lms").getCollection("things").countDocuments())
                        .isEqualTo(1);
            }
        }
    }

    /** What a kill at this moment would leave: the file as the operating system has it, copied aside. */
    private Path copyOfDataFile(Path data, String name) throws IOException {
        Path copy = tmp.resolve(name);
        Files.createDirectories(copy);
        Files.copy(data.resolve("mongo.mv.db"), copy.resolve("mongo.mv.db"));
        return copy;
    }
}
