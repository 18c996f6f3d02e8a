package io.lms.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.CountOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.AbstractMongoDatabase;
import io.lms.embedded.index.IndexedReads;
import io.lms.embedded.index.SecondaryIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secondary indexes change how documents are found, never which: the same random writes go to a collection
 * with the indexes and to one without, and every query answers the same on both (in the same order, sorted or
 * not, with the same counts), on both backends, after a restart (indexes rebuilt) and after dropIndexes.
 */
class SecondaryIndexEquivalenceTest {

    private static final String DB = "lms";

    /** Queries, and whether a secondary index must serve them. */
    private static final Map<String, Boolean> QUERIES = Map.ofEntries(
            Map.entry("{fk: 3}", true),
            Map.entry("{fk: 2.0}", true),
            Map.entry("{fk: {$numberLong: '4'}}", true),
            Map.entry("{fk: {$eq: 5}}", true),
            Map.entry("{fk: {$in: [1, 2, 3, 77]}}", true),
            Map.entry("{fk: {$in: []}}", true),
            Map.entry("{fk: {$gte: 15}}", true),
            Map.entry("{fk: 3, c: {$gt: 0.5}}", true),
            Map.entry("{fk: {$in: [4, 6]}, a: 'y'}", true),
            Map.entry("{a: 'x', b: {$gte: 3, $lt: 7}}", true),
            Map.entry("{a: {$in: ['x', 'y']}, b: 4}", true),
            Map.entry("{a: 'z', c: {$lt: 0.3}}", true),
            Map.entry("{a: 'w'}", true),
            Map.entry("{tags: 't1'}", true),
            Map.entry("{tags: {$in: ['t1', 't3']}}", true),
            Map.entry("{tags: {$gt: 't2', $lte: 't3'}}", true),
            Map.entry("{b: 5}", true),
            Map.entry("{b: {$gt: 2, $lt: 5}}", true),
            Map.entry("{b: {$gt: 7}, fk: {$lt: 10}}", true),
            Map.entry("{fk: 3, $or: [{a: 'x'}, {b: 2}]}", true),
            Map.entry("{$and: [{a: 'y'}, {b: {$lte: 4}}, {fk: {$gt: 2}}]}", true),
            Map.entry("{$and: [{fk: 3}, {fk: {$in: [3, 4]}}]}", true),
            Map.entry("{$and: [{b: {$gte: 3}}, {b: {$lt: 7}}]}", true),
            Map.entry("{$and: [{tags: {$gt: 't1'}}, {tags: {$lt: 't3'}}]}", true),
            Map.entry("{$and: [{fk: {$gt: 2}}, {fk: {$ne: 5}}, {a: {$in: ['x', 'z']}}]}", true),
            Map.entry("{tags: {$all: ['t1', 't2']}}", true),
            Map.entry("{$or: [{fk: 3}, {fk: 4}]}", false),
            Map.entry("{b: null}", false),
            Map.entry("{b: {$exists: false}}", false),
            Map.entry("{a: {$regex: '^x'}}", false),
            Map.entry("{fk: {$ne: 3}}", false),
            Map.entry("{tags: ['t1', 't2']}", false),
            Map.entry("{c: {$gt: 0.9}}", false));

    @TempDir
    Path tmp;

    @Test
    void the_memory_backend_answers_every_query_alike_with_and_without_the_indexes() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
            runRandomWritesAndCompare(mongo, new Random(16), 400);
        }
    }

    @Test
    void the_h2_backend_answers_alike_and_rebuilds_the_indexes_from_the_data_when_reopened() {
        Path data = tmp.resolve("h2");
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(data, "127.0.0.1", 0, Durability.NONE)) {
            runRandomWritesAndCompare(mongo, new Random(61), 200);
        }
        try (EmbeddedMongo reopened = EmbeddedMongo.persistent(data, "127.0.0.1", 0, Durability.NONE);
                MongoClient client = MongoClients.create(reopened.connectionString())) {
            assertEveryQueryAnswersAlike(reopened, client.getDatabase(DB));
            assertPagesAndCountsAnswerAlike(reopened, client.getDatabase(DB));
        }
    }

    @Test
    void dropped_indexes_are_gone_and_the_answers_stay_the_same() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase db = client.getDatabase(DB);
            createIndexes(db.getCollection("indexed"));
            Random random = new Random(7);
            for (int i = 0; i < 200; i++) {
                Document doc = randomDocument(random, i);
                db.getCollection("indexed").insertOne(doc);
                db.getCollection("plain").insertOne(doc);
            }
            db.getCollection("indexed").dropIndex("fk_1");
            assertThat(secondaryIndexNames(mongo)).doesNotContain("fk_1").contains("a_1_b_1");
            db.getCollection("indexed").dropIndexes();
            assertThat(secondaryIndexNames(mongo)).isEmpty();
            assertThat(db.getCollection("indexed").listIndexes().into(new ArrayList<>()))
                    .hasSize(1);
            for (String query : QUERIES.keySet()) {
                assertThat(find(db.getCollection("indexed"), query))
                        .as(query)
                        .isEqualTo(find(db.getCollection("plain"), query));
            }
        }
    }

    private void runRandomWritesAndCompare(EmbeddedMongo mongo, Random random, int steps) {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase db = client.getDatabase(DB);
            createIndexes(db.getCollection("indexed"));
            for (int step = 0; step < steps; step++) {
                Consumer<MongoCollection<Document>> write = randomWrite(random, step);
                write.accept(db.getCollection("indexed"));
                write.accept(db.getCollection("plain"));
                if (step % 50 == 49) {
                    assertEveryQueryAnswersAlike(mongo, db);
                    assertPagesAndCountsAnswerAlike(mongo, db);
                }
            }
        }
    }

    private static void createIndexes(MongoCollection<Document> indexed) {
        indexed.createIndex(Indexes.ascending("fk"));
        indexed.createIndex(Indexes.ascending("a", "b"));
        indexed.createIndex(Indexes.ascending("tags"));
        indexed.createIndex(Indexes.compoundIndex(Indexes.ascending("a"), Indexes.descending("c")));
        indexed.createIndex(Indexes.ascending("b"), new IndexOptions().sparse(true));
        indexed.createIndex(Indexes.ascending("fk", "c", "_id"));
    }

    private static void assertEveryQueryAnswersAlike(EmbeddedMongo mongo, MongoDatabase db) {
        MongoCollection<Document> indexed = db.getCollection("indexed");
        MongoCollection<Document> plain = db.getCollection("plain");
        for (Map.Entry<String, Boolean> query : QUERIES.entrySet()) {
            String text = query.getKey();
            assertThat(servedByASecondaryIndex(mongo, text))
                    .as("served by an index: " + text)
                    .isEqualTo(query.getValue());
            assertThat(find(indexed, text)).as(text).isEqualTo(find(plain, text));
            Bson sort = Sorts.orderBy(Sorts.descending("c"), Sorts.ascending("_id"));
            assertThat(indexed.find(Document.parse(text)).sort(sort).limit(5).into(new ArrayList<>()))
                    .as(text + " sorted, limit 5")
                    .isEqualTo(
                            plain.find(Document.parse(text)).sort(sort).limit(5).into(new ArrayList<>()));
            assertThat(indexed.countDocuments(Document.parse(text)))
                    .as(text + " count")
                    .isEqualTo(plain.countDocuments(Document.parse(text)));
        }
    }

    /** Pages (query, sort, skip, limit) and whether their candidates must come from an index in sort order. */
    private static final List<Object[]> PAGES = List.of(
            new Object[] {"{fk: 3}", "{c: 1, _id: 1}", 2, 4, true},
            new Object[] {"{fk: 4}", "{c: -1, _id: -1}", 1, 3, true},
            new Object[] {"{fk: 5.0}", "{c: 1, _id: 1}", 0, 0, true},
            new Object[] {"{fk: 6, a: 'x'}", "{c: 1, _id: 1}", 1, 2, true},
            new Object[] {"{fk: 7, c: {$gt: 0.3}}", "{c: -1, _id: -1}", 0, 5, true},
            new Object[] {"{fk: 3, c: 0.5}", "{_id: 1}", 0, 3, true},
            new Object[] {"{fk: 8}", "{c: 1, _id: -1}", 1, 3, false},
            new Object[] {"{fk: 8}", "{c: 1}", 1, 3, false},
            new Object[] {"{fk: {$in: [3, 4]}}", "{c: 1, _id: 1}", 1, 3, false},
            new Object[] {"{a: 'x'}", "{c: -1, _id: 1}", 1, 3, false});

    /** Counts, and whether an index's entries must answer them without reading documents. */
    private static final Map<String, Boolean> COUNTS = Map.of(
            "{fk: 3}", true,
            "{fk: {$eq: 4}}", true,
            "{fk: 2.0, c: 0.5}", true,
            "{fk: 3, c: 0.5, _id: 7}", true,
            "{a: 'x'}", true,
            "{fk: 3, a: 'x'}", false,
            "{fk: {$gt: 3}}", false,
            "{tags: 't1'}", false);

    @SuppressWarnings("unchecked")
    private static void assertPagesAndCountsAnswerAlike(EmbeddedMongo mongo, MongoDatabase db) {
        MongoCollection<Document> indexed = db.getCollection("indexed");
        MongoCollection<Document> plain = db.getCollection("plain");
        AbstractMongoCollection<Object> server = (AbstractMongoCollection<Object>) indexedCollection(mongo);
        for (Object[] page : PAGES) {
            Document query = Document.parse((String) page[0]);
            Document sort = Document.parse((String) page[1]);
            int skip = (Integer) page[2];
            int limit = (Integer) page[3];
            String text = page[0] + " sorted " + page[1] + " skip " + skip + " limit " + limit;
            assertThat(IndexedReads.inSortOrder(
                            server.getIndexes(), toServerDocument(query), toServerDocument(sort), skip))
                    .as("in index order: " + text)
                    .matches(positions -> (positions != null) == (Boolean) page[4]);
            assertThat(indexed.find(query).sort(sort).skip(skip).limit(limit).into(new ArrayList<>()))
                    .as(text)
                    .isEqualTo(
                            plain.find(query).sort(sort).skip(skip).limit(limit).into(new ArrayList<>()));
        }
        for (Map.Entry<String, Boolean> count : COUNTS.entrySet()) {
            Document query = Document.parse(count.getKey());
            assertThat(IndexedReads.count(server.getIndexes(), toServerDocument(query), 0, 0) >= 0)
                    .as("counted from an index: " + count.getKey())
                    .isEqualTo(count.getValue());
            // the library's own aggregation (a group on null is not the driver's count, so it is not answered early)
            List<Document> aggregated = plain.aggregate(List.of(
                            new Document("$match", query), Document.parse("{$group: {_id: null, n: {$sum: 1}}}")))
                    .into(new ArrayList<>());
            long library =
                    aggregated.isEmpty() ? 0 : ((Number) aggregated.get(0).get("n")).longValue();
            assertThat(indexed.countDocuments(query))
                    .as("count " + count.getKey())
                    .isEqualTo(library);
            for (CountOptions options : List.of(
                    new CountOptions(),
                    new CountOptions().skip(2),
                    new CountOptions().skip(1).limit(2))) {
                assertThat(indexed.countDocuments(query, options))
                        .as("count " + count.getKey() + " " + options)
                        .isEqualTo(plain.countDocuments(query, options));
            }
        }
    }

    private static List<Document> find(MongoCollection<Document> collection, String query) {
        return collection.find(Document.parse(query)).into(new ArrayList<>());
    }

    private static Consumer<MongoCollection<Document>> randomWrite(Random random, int step) {
        int id = random.nextInt(Math.max(1, step));
        int fk = random.nextInt(20);
        Document doc = randomDocument(random, step);
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> c -> c.insertOne(doc);
            case 3 -> {
                String a = doc.getString("a");
                yield c -> c.updateMany(Filters.eq("fk", fk), Updates.set("a", a));
            }
            case 4 -> {
                Object b = doc.get("b");
                yield c -> c.updateOne(Filters.eq("_id", id), b == null ? Updates.unset("b") : Updates.set("b", b));
            }
            case 5 -> {
                String tag = "t" + random.nextInt(4);
                yield c -> c.updateOne(Filters.eq("_id", id), Updates.push("tags", tag));
            }
            case 6 -> {
                int upsertId = 10_000 + random.nextInt(50);
                yield c -> c.updateOne(
                        Filters.eq("_id", upsertId),
                        Updates.combine(Updates.set("fk", fk), Updates.inc("c", 0.25)),
                        new UpdateOptions().upsert(true));
            }
            case 7 -> random.nextInt(5) == 0
                    ? c -> c.deleteMany(Filters.eq("fk", fk))
                    : c -> c.deleteOne(Filters.eq("_id", id));
            case 8 -> {
                Document replacement = doc.append("_id", id);
                yield c -> c.replaceOne(Filters.eq("_id", id), replacement, new ReplaceOptions().upsert(true));
            }
            default -> c -> c.findOneAndUpdate(Filters.eq("fk", fk), Updates.inc("fk", 1));
        };
    }

    private static Document randomDocument(Random random, int id) {
        Document doc = new Document("_id", id)
                .append("fk", random.nextInt(20))
                .append("a", List.of("x", "y", "z", "w").get(random.nextInt(4)))
                .append("c", Math.round(random.nextDouble() * 100) / 100.0);
        switch (random.nextInt(4)) {
            case 0 -> {} // no b at all
            case 1 -> doc.append("b", List.of(random.nextInt(10), random.nextInt(10)));
            case 2 -> doc.append("b", null);
            default -> doc.append("b", random.nextInt(10));
        }
        List<String> tags = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            tags.add("t" + random.nextInt(4));
        }
        return doc.append("tags", tags);
    }

    private static boolean servedByASecondaryIndex(EmbeddedMongo mongo, String query) {
        de.bwaldvogel.mongo.bson.Document converted = toServerDocument(Document.parse(query));
        return indexedCollection(mongo).getIndexes().stream()
                .anyMatch(index -> index instanceof SecondaryIndex<?> && index.canHandle(converted));
    }

    private static List<String> secondaryIndexNames(EmbeddedMongo mongo) {
        return indexedCollection(mongo).getIndexes().stream()
                .filter(index -> index instanceof SecondaryIndex<?>)
                .map(index -> index.getName())
                .toList();
    }

    private static AbstractMongoCollection<?> indexedCollection(EmbeddedMongo mongo) {
        AbstractMongoDatabase<?> db = (AbstractMongoDatabase<?>) mongo.backend().resolveDatabase(DB);
        return (AbstractMongoCollection<?>) db.resolveCollection("indexed", true);
    }

    private static de.bwaldvogel.mongo.bson.Document toServerDocument(Map<String, Object> map) {
        de.bwaldvogel.mongo.bson.Document converted = new de.bwaldvogel.mongo.bson.Document();
        map.forEach((key, value) -> converted.put(key, toServerValue(value)));
        return converted;
    }

    @SuppressWarnings("unchecked")
    private static Object toServerValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return toServerDocument((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream()
                    .map(SecondaryIndexEquivalenceTest::toServerValue)
                    .toList();
        }
        return value;
    }
}
