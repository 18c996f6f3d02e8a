package io.lms.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.AbstractMongoDatabase;
import io.lms.embedded.index.IndexedReads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code _id $in} query (a tracking window of the event store, the stored versions of a projection's batch) is
 * answered from the {@code _id} index alone, without checking each document against the list again: the same
 * documents as the query means, ids missing or listed twice, numbers of another type, with a projection and over
 * several replies; any other query goes the usual way.
 */
class IdInLookupTest {

    @TempDir
    Path tmp;

    @Test
    void an_id_in_query_answers_exactly_the_listed_documents_that_exist_in_memory() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
            answersExactlyTheListedDocuments(mongo);
        }
    }

    @Test
    void an_id_in_query_answers_exactly_the_listed_documents_that_exist_on_h2() {
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(tmp.resolve("h2"), "127.0.0.1", 0, Durability.NONE)) {
            answersExactlyTheListedDocuments(mongo);
        }
    }

    private static void answersExactlyTheListedDocuments(EmbeddedMongo mongo) {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("lms").getCollection("events");
            List<Document> stored = new ArrayList<>();
            for (long id = 1; id <= 2_000; id++) {
                stored.add(new Document("_id", id).append("n", id * 10).append("body", "event " + id));
            }
            events.insertMany(stored);
            List<Object> ids = new ArrayList<>();
            for (long id = 1_001; id <= 2_500; id += 3) {
                ids.add(id); // those above 2,000 are missing
            }
            ids.add(7); // an int for a long id
            ids.add(1_001L); // listed twice

            List<Document> found = events.find(Filters.in("_id", ids))
                    .projection(Projections.include("n"))
                    .batchSize(50)
                    .into(new ArrayList<>());

            List<Long> expected = new ArrayList<>(List.of(7L));
            for (long id = 1_001; id <= 2_000; id += 3) {
                expected.add(id);
            }
            assertThat(found)
                    .extracting(d -> ((Number) d.get("_id")).longValue())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(found).allSatisfy(d -> {
                assertThat(d.keySet()).containsExactlyInAnyOrder("_id", "n");
                assertThat(d.getLong("n")).isEqualTo(((Number) d.get("_id")).longValue() * 10);
            });
            assertThat(events.find(Filters.in("_id", List.of(new ObjectId(), 3_000L)))
                            .first())
                    .isNull();
        }
    }

    @Test
    void only_a_plain_id_in_query_is_looked_up_without_the_second_check() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            client.getDatabase("lms").getCollection("events").insertOne(new Document("_id", 1L));
            AbstractMongoCollection<?> events = (AbstractMongoCollection<?>)
                    ((AbstractMongoDatabase<?>) mongo.backend().resolveDatabase("lms"))
                            .resolveCollection("events", true);

            assertThat(IndexedReads.exactIdLookup(events.getIndexes(), idIn(1L, 2L)))
                    .isNotNull();
            assertThat(IndexedReads.exactIdLookup(events.getIndexes(), idIn(1L, Pattern.compile("^1"))))
                    .isNull();
            assertThat(IndexedReads.exactIdLookup(events.getIndexes(), idIn(1L).append("n", 10L)))
                    .isNull();
            assertThat(IndexedReads.exactIdLookup(
                            events.getIndexes(),
                            new de.bwaldvogel.mongo.bson.Document(
                                    "_id",
                                    new de.bwaldvogel.mongo.bson.Document("$in", List.of(1L)).append("$ne", 2L))))
                    .isNull();
        }
    }

    private static de.bwaldvogel.mongo.bson.Document idIn(Object... ids) {
        return new de.bwaldvogel.mongo.bson.Document("_id", new de.bwaldvogel.mongo.bson.Document("$in", List.of(ids)));
    }
}
