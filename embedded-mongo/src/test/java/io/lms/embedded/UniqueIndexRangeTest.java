package io.lms.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.AbstractMongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import io.lms.embedded.index.IndexedReads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unique index other than {@code _id}'s serves a range on its key too (as the audit trail's page by aggregate
 * reads the event store's {@code aggregateKey_unique}: {@code "<id>#" <= key < "<id>$"}), answering what a
 * collection without the index answers, and still refuses duplicates.
 */
class UniqueIndexRangeTest {

    private static final String DB = "lms";

    @TempDir
    Path tmp;

    @Test
    void the_memory_backend_serves_a_key_prefix_range_from_the_unique_index_with_the_same_answers() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
            fillAndCompare(mongo);
        }
    }

    @Test
    void the_h2_backend_serves_it_alike_and_after_reopening() {
        Path data = tmp.resolve("h2");
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(data, "127.0.0.1", 0, Durability.NONE)) {
            fillAndCompare(mongo);
        }
        try (EmbeddedMongo reopened = EmbeddedMongo.persistent(data, "127.0.0.1", 0, Durability.NONE);
                MongoClient client = MongoClients.create(reopened.connectionString())) {
            assertAnswersAlike(reopened, client.getDatabase(DB));
        }
    }

    /**
     * The audit history of one aggregate ({@code GET /api/audit/{type}/{id}/events}) asks for its type and its key
     * range: the planner picks the index that reads fewer entries, the unique key's range (a few events), not the
     * type's (every event of the type), neither for the candidates nor for the sorted read by {@code _id}; and the
     * type's index where the type is the rarer one.
     */
    @Test
    void the_history_of_one_aggregate_is_read_from_its_key_range_not_from_every_event_of_its_type() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase db = client.getDatabase(DB);
            MongoCollection<Document> indexed = db.getCollection("indexed");
            indexed.createIndex(
                    Indexes.ascending("aggregateKey"),
                    new IndexOptions().unique(true).sparse(true));
            indexed.createIndex(Indexes.ascending("aggregateType", "_id"));
            List<Document> events = new ArrayList<>();
            for (long id = 1; id <= 600; id++) {
                String type = id % 100 == 0 ? "User" : "Course";
                events.add(event(id, "a" + id % 30, id).append("aggregateType", type));
            }
            indexed.insertMany(events);

            Bson history = Filters.and(
                    Filters.gt("_id", 0L),
                    Filters.exists("eventId"),
                    Filters.gte("aggregateKey", "a7#"),
                    Filters.lt("aggregateKey", "a7$"),
                    Filters.eq("aggregateType", "Course"));
            assertThat(servedByTheUniqueIndex(mongo, db, history)).isTrue();
            assertThat(positionsRead(mongo, db, history)).isEqualTo(20);
            assertThat(sortedReadById(mongo, db, history)).isNull();
            assertThat(indexed.find(history).sort(Sorts.ascending("_id")).into(new ArrayList<>()))
                    .hasSize(20)
                    .allSatisfy(
                            event -> assertThat(event.getString("aggregateId")).isEqualTo("a7"));

            Bson rareType = Filters.and(
                    Filters.gte("aggregateKey", "a"),
                    Filters.lt("aggregateKey", "b"),
                    Filters.eq("aggregateType", "User"));
            assertThat(servingIndex(mongo, db, rareType).getName()).isEqualTo("aggregateType_1__id_1");
            assertThat(sortedReadById(mongo, db, rareType)).isNotNull();
        }
    }

    /**
     * Every start of a service names the event store's indexes again ({@code createIndexes}), and a changed index
     * definition names the unchanged ones again: the library then makes a new, empty index and keeps the one it has.
     * The queries stay served by the indexes the collection holds, reading only their matching entries, on both
     * backends (an empty twin left among the candidates read the fewest entries, so won the choice, and the query
     * became a collection scan: the audit page by aggregate took 300 ms at 200,000 events).
     */
    @Test
    void indexes_named_again_by_create_indexes_still_serve_their_queries() {
        try (EmbeddedMongo memory = EmbeddedMongo.inMemory();
                EmbeddedMongo h2 = EmbeddedMongo.persistent(tmp.resolve("again"), "127.0.0.1", 0, Durability.NONE)) {
            for (EmbeddedMongo mongo : List.of(memory, h2)) {
                try (MongoClient client = MongoClients.create(mongo.connectionString())) {
                    MongoDatabase db = client.getDatabase(DB);
                    MongoCollection<Document> indexed = db.getCollection("indexed");
                    createEventIndexes(indexed);
                    List<Document> events = new ArrayList<>();
                    for (long id = 1; id <= 600; id++) {
                        String type = id % 100 == 0 ? "User" : "Course";
                        events.add(event(id, "a" + id % 30, id).append("aggregateType", type));
                    }
                    indexed.insertMany(events);
                    createEventIndexes(indexed);
                    indexed.createIndexes(List.of(
                            new IndexModel(Indexes.ascending("aggregateType", "_id")),
                            new IndexModel(Indexes.ascending("payloadType", "_id"))));

                    Bson page = Filters.and(
                            Filters.gt("_id", 0L),
                            Filters.exists("eventId"),
                            Filters.gte("aggregateKey", "a7#"),
                            Filters.lt("aggregateKey", "a7$"));
                    assertThat(servedByTheUniqueIndex(mongo, db, page)).isTrue();
                    assertThat(positionsRead(mongo, db, page)).isEqualTo(20);
                    Bson byType = Filters.eq("aggregateType", "User");
                    assertThat(servingIndex(mongo, db, byType).getName()).isEqualTo("aggregateType_1__id_1");
                    assertThat(positionsRead(mongo, db, byType)).isEqualTo(6);
                    assertThat(sortedReadById(mongo, db, byType)).isNotNull();
                }
            }
        }
    }

    private static void createEventIndexes(MongoCollection<Document> events) {
        events.createIndex(
                Indexes.ascending("aggregateKey"),
                new IndexOptions().unique(true).sparse(true));
        events.createIndex(Indexes.ascending("aggregateType", "_id"));
    }

    /** The read in {@code _id} order an index gives for the query, or null when the candidates are sorted instead. */
    private static IndexedReads.Ordered<?> sortedReadById(EmbeddedMongo mongo, MongoDatabase db, Bson query) {
        return IndexedReads.inSortOrder(
                indexedCollection(mongo).getIndexes(),
                server(db, query),
                new de.bwaldvogel.mongo.bson.Document("_id", 1),
                0);
    }

    private void fillAndCompare(EmbeddedMongo mongo) {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase db = client.getDatabase(DB);
            MongoCollection<Document> indexed = db.getCollection("indexed");
            indexed.createIndex(
                    Indexes.ascending("aggregateKey"),
                    new IndexOptions().unique(true).sparse(true));
            Random random = new Random(12);
            for (long id = 1; id <= 600; id++) {
                Document event = random.nextInt(10) == 0
                        ? new Document("_id", id).append("skipped", true)
                        : event(id, "a" + random.nextInt(12), id);
                indexed.insertOne(event);
                db.getCollection("plain").insertOne(event);
            }
            Document duplicate = event(601, "a3", 0).append("aggregateKey", "a3#" + pad(9999));
            indexed.insertOne(event(602, "a3", 0)
                    .append("aggregateKey", "a3#" + pad(9999))
                    .append("_id", 602L));
            db.getCollection("plain")
                    .insertOne(
                            new Document(indexed.find(Filters.eq("_id", 602L)).first()));
            assertThatThrownBy(() -> indexed.insertOne(duplicate))
                    .isInstanceOf(MongoWriteException.class)
                    .extracting(e -> ((MongoWriteException) e).getCode())
                    .isEqualTo(11000);
            indexed.deleteMany(Filters.in("_id", List.of(5L, 6L, 7L)));
            db.getCollection("plain").deleteMany(Filters.in("_id", List.of(5L, 6L, 7L)));
            assertAnswersAlike(mongo, db);
        }
    }

    private static void assertAnswersAlike(EmbeddedMongo mongo, MongoDatabase db) {
        for (int aggregate = 0; aggregate < 13; aggregate++) {
            for (long after : List.of(0L, 100L, 400L)) {
                Bson query = Filters.and(
                        Filters.gt("_id", after),
                        Filters.exists("eventId"),
                        Filters.gte("aggregateKey", "a" + aggregate + "#"),
                        Filters.lt("aggregateKey", "a" + aggregate + "$"));
                assertThat(servedByTheUniqueIndex(mongo, db, query))
                        .as(query.toString())
                        .isTrue();
                // read from both bounds of the range: only that aggregate's entries
                assertThat(positionsRead(mongo, db, query))
                        .as(query.toString())
                        .isEqualTo(db.getCollection("plain")
                                .countDocuments(Filters.and(
                                        Filters.gte("aggregateKey", "a" + aggregate + "#"),
                                        Filters.lt("aggregateKey", "a" + aggregate + "$"))));
                assertThat(find(db.getCollection("indexed"), query))
                        .as(query.toString())
                        .isEqualTo(find(db.getCollection("plain"), query));
            }
        }
        Bson equality = Filters.eq("aggregateKey", "a3#" + pad(9999));
        assertThat(servedByTheUniqueIndex(mongo, db, equality)).isTrue();
        assertThat(find(db.getCollection("indexed"), equality)).isEqualTo(find(db.getCollection("plain"), equality));
    }

    private static List<Document> find(MongoCollection<Document> collection, Bson query) {
        return collection.find(query).sort(Sorts.ascending("_id")).limit(20).into(new ArrayList<>());
    }

    private static Document event(long id, String aggregateId, long sequence) {
        return new Document("_id", id)
                .append("eventId", "e" + id)
                .append("aggregateId", aggregateId)
                .append("aggregateKey", aggregateId + "#" + pad(sequence))
                .append("sequenceNumber", sequence);
    }

    private static String pad(long sequence) {
        return String.format("%019d", sequence);
    }

    private static boolean servedByTheUniqueIndex(EmbeddedMongo mongo, MongoDatabase db, Bson query) {
        Index<?> serving = servingIndex(mongo, db, query);
        return serving != null && serving.getName().equals("aggregateKey_1") && serving.isUnique();
    }

    private static long positionsRead(EmbeddedMongo mongo, MongoDatabase db, Bson query) {
        long count = 0;
        for (Object ignored : servingIndex(mongo, db, query).getPositions(server(db, query))) {
            count++;
        }
        return count;
    }

    /** The first index the collection asks that can serve the query: the one the server reads. */
    private static Index<?> servingIndex(EmbeddedMongo mongo, MongoDatabase db, Bson query) {
        AbstractMongoCollection<?> collection = indexedCollection(mongo);
        de.bwaldvogel.mongo.bson.Document converted = server(db, query);
        return collection.getIndexes().stream()
                .filter(index -> index.canHandle(converted))
                .findFirst()
                .orElse(null);
    }

    private static AbstractMongoCollection<?> indexedCollection(EmbeddedMongo mongo) {
        AbstractMongoDatabase<?> database =
                (AbstractMongoDatabase<?>) mongo.backend().resolveDatabase(DB);
        return (AbstractMongoCollection<?>) database.resolveCollection("indexed", true);
    }

    private static de.bwaldvogel.mongo.bson.Document server(MongoDatabase db, Bson query) {
        CodecRegistry codecs = db.getCodecRegistry();
        return toServer(
                Document.parse(query.toBsonDocument(BsonDocument.class, codecs).toJson()));
    }

    @SuppressWarnings("unchecked")
    private static de.bwaldvogel.mongo.bson.Document toServer(java.util.Map<String, Object> map) {
        de.bwaldvogel.mongo.bson.Document converted = new de.bwaldvogel.mongo.bson.Document();
        map.forEach((key, value) -> converted.put(key, toServerValue(value)));
        return converted;
    }

    @SuppressWarnings("unchecked")
    private static Object toServerValue(Object value) {
        if (value instanceof java.util.Map<?, ?> map) {
            return toServer((java.util.Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(UniqueIndexRangeTest::toServerValue).toList();
        }
        return value;
    }
}
