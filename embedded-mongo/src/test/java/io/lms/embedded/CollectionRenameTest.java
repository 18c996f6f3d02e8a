package io.lms.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.RenameCollectionOptions;
import de.bwaldvogel.mongo.backend.AbstractMongoCollection;
import de.bwaldvogel.mongo.backend.AbstractMongoDatabase;
import io.lms.embedded.index.IndexedReads;
import io.lms.embedded.index.SecondaryIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code renameCollection} with {@code dropTarget}, the switch of a rebuilt read model over the live one. */
class CollectionRenameTest {

    private static final int DOCUMENTS = 200;

    @Test
    void a_shadow_renamed_over_the_live_collection_replaces_it_with_its_documents_and_indexes() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase("lms");
            fill(database, "things", "old");
            fill(database, "things__replay", "new");

            swap(database);

            var things = database.getCollection("things");
            assertThat(things.countDocuments()).isEqualTo(DOCUMENTS);
            assertThat(things.find(Filters.eq("key", 7)).first()).containsEntry("model", "new");
            assertThat(things.listIndexes().map(i -> i.getString("name")).into(new ArrayList<>()))
                    .contains("key_1");
            assertThat(database.listCollectionNames().into(new ArrayList<>())).doesNotContain("things__replay");
            assertServedByItsSecondaryIndex(mongo, "IndexedMemoryCollection");
        }
    }

    @Test
    void a_new_shadow_of_the_same_name_gets_indexes_of_its_own_after_a_swap() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase("lms");
            fill(database, "things", "first");
            fill(database, "things__replay", "second");
            swap(database);
            fill(database, "things__replay", "third");

            assertThat(database.getCollection("things")
                            .find(Filters.eq("key", 3))
                            .first())
                    .containsEntry("model", "second");
            assertThat(database.getCollection("things__replay")
                            .find(Filters.eq("key", 3))
                            .first())
                    .containsEntry("model", "third");
        }
    }

    @Test
    void readers_see_the_old_collection_or_the_new_one_never_none_while_it_is_swapped_in_memory() {
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory()) {
            assertReadersNeverSeeAnEmptyCollection(mongo);
        }
    }

    @Test
    void readers_see_the_old_collection_or_the_new_one_never_none_while_it_is_swapped_on_disk(@TempDir Path data) {
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(data)) {
            assertReadersNeverSeeAnEmptyCollection(mongo);
        }
    }

    @Test
    void a_swapped_collection_keeps_its_documents_and_indexes_when_the_persistent_server_restarts(@TempDir Path data) {
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(data);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase("lms");
            fill(database, "things", "old");
            fill(database, "things__replay", "new");
            swap(database);
            assertServedByItsSecondaryIndex(mongo, "IndexedH2Collection");
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(data);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertServedByItsSecondaryIndex(mongo, "IndexedH2Collection");
            MongoDatabase database = client.getDatabase("lms");
            var things = database.getCollection("things");
            assertThat(things.countDocuments()).isEqualTo(DOCUMENTS);
            assertThat(things.find(Filters.eq("_id", 7)).first()).containsEntry("model", "new");
            assertThat(things.find(Filters.eq("key", 7)).first()).containsEntry("model", "new");
            fill(database, "things__replay", "next"); // no key of the moved documents is left under the old name
            assertThat(database.getCollection("things__replay").countDocuments())
                    .isEqualTo(DOCUMENTS);
        }
    }

    /**
     * The collection under the live name is the indexed class, its {@code key_1} is a {@link SecondaryIndex} with an
     * entry for every document that serves an equality on {@code key}, and a count is answered from it.
     */
    private static void assertServedByItsSecondaryIndex(EmbeddedMongo mongo, String indexedClass) {
        AbstractMongoDatabase<?> database =
                (AbstractMongoDatabase<?>) mongo.backend().resolveDatabase("lms");
        AbstractMongoCollection<?> things = (AbstractMongoCollection<?>) database.resolveCollection("things", true);
        var byKey = new de.bwaldvogel.mongo.bson.Document("key", 7);

        assertThat(things.getClass().getSimpleName()).isEqualTo(indexedClass);
        assertThat(things.getIndexes())
                .filteredOn(index -> index.getName().equals("key_1"))
                .singleElement()
                .isInstanceOf(SecondaryIndex.class)
                .satisfies(index -> assertThat(index.getCount()).isEqualTo(DOCUMENTS))
                .satisfies(index -> assertThat(index.canHandle(byKey)).isTrue());
        assertThat(IndexedReads.count(things.getIndexes(), byKey, 0, 0)).isEqualTo(1);
    }

    private static void assertReadersNeverSeeAnEmptyCollection(EmbeddedMongo mongo) {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase database = client.getDatabase("lms");
            fill(database, "things", "0");
            AtomicBoolean swapping = new AtomicBoolean(true);
            AtomicLong emptyReads = new AtomicLong();
            AtomicLong reads = new AtomicLong();
            List<Thread> readers = IntStream.range(0, 4)
                    .mapToObj(i -> new Thread(() -> {
                        var things = database.getCollection("things");
                        while (swapping.get()) {
                            if (things.find(Filters.eq("_id", 11)).first() == null) {
                                emptyReads.incrementAndGet();
                            }
                            reads.incrementAndGet();
                        }
                    }))
                    .toList();
            readers.forEach(Thread::start);
            for (int round = 1; round <= 30; round++) {
                fill(database, "things__replay", Integer.toString(round));
                swap(database);
            }
            swapping.set(false);
            readers.forEach(CollectionRenameTest::join);

            assertThat(reads.get()).isPositive();
            assertThat(emptyReads.get()).as("reads that found no document").isZero();
        }
    }

    private static void fill(MongoDatabase database, String collection, String model) {
        var things = database.getCollection(collection);
        things.createIndex(Indexes.ascending("key"));
        things.insertMany(IntStream.range(0, DOCUMENTS)
                .mapToObj(i -> new Document("_id", i).append("key", i).append("model", model))
                .toList());
    }

    private static void swap(MongoDatabase database) {
        database.getCollection("things__replay")
                .renameCollection(
                        new MongoNamespace(database.getName(), "things"),
                        new RenameCollectionOptions().dropTarget(true));
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
