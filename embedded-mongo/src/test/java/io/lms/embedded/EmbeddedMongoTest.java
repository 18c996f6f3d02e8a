package io.lms.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedMongoTest {

    @Test
    void data_written_through_the_driver_survives_a_restart_of_the_persistent_server(@TempDir Path data) {
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(data);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            var things = client.getDatabase("lms").getCollection("things");
            things.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            things.insertOne(new Document("_id", 1).append("key", "a"));
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(data);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            var things = client.getDatabase("lms").getCollection("things");
            assertThat(things.find().first()).containsEntry("key", "a");
            assertThat(things.listIndexes().into(new java.util.ArrayList<>())).hasSize(2);
        }
    }
}
