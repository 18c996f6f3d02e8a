package io.lms.platform.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.lms.embedded.EmbeddedMongo;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IndexVersionsTest {

    private static EmbeddedMongo mongo;
    private static MongoClient client;
    private MongoDatabase database;

    @BeforeAll
    static void startServer() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.connectionString());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        mongo.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = client.getDatabase("index_versions_test");
        database.drop();
    }

    @Test
    void a_definition_is_ensured_once_and_recorded() {
        CollectionIndexes things = CollectionIndexes.of("things", Indexes.ascending("a"), Indexes.ascending("b", "c"));

        assertThat(IndexVersions.ensure(database, things)).isTrue();
        assertThat(IndexVersions.ensure(database, things)).isFalse();

        assertThat(indexKeys("things")).contains(new Document("a", 1), new Document("b", 1).append("c", 1));
        Document recorded = database.getCollection("index_versions")
                .find(new Document("_id", "things"))
                .first();
        assertThat(recorded).isNotNull();
        assertThat(recorded.getString("definition")).isEqualTo(things.definition());
    }

    @Test
    void a_changed_definition_is_ensured_again_and_adds_the_new_index() {
        IndexVersions.ensure(database, CollectionIndexes.of("things", Indexes.ascending("a")));

        CollectionIndexes changed = CollectionIndexes.of("things", Indexes.ascending("a"))
                .with(Indexes.ascending("code"), new IndexOptions().unique(true));

        assertThat(IndexVersions.ensure(database, changed)).isTrue();
        assertThat(indexKeys("things")).contains(new Document("a", 1), new Document("code", 1));
        assertThat(IndexVersions.ensure(database, changed)).isFalse();
    }

    @Test
    void each_collection_keeps_its_own_record() {
        IndexVersions.ensure(database, CollectionIndexes.of("things", Indexes.ascending("a")));

        assertThat(IndexVersions.ensure(database, CollectionIndexes.of("others", Indexes.ascending("a"))))
                .isTrue();
        assertThat(indexKeys("others")).contains(new Document("a", 1));
    }

    private List<Document> indexKeys(String collection) {
        List<Document> keys = new ArrayList<>();
        database.getCollection(collection).listIndexes().forEach(index -> keys.add(index.get("key", Document.class)));
        return keys;
    }
}
