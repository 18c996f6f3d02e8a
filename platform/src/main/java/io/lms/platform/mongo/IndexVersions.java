package io.lms.platform.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Date;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a collection's indexes once per definition rather than at every start: the {@code index_versions}
 * collection keeps, per collection, the {@link CollectionIndexes#definition()} last ensured, and a start whose
 * definition is the same skips the collection with one read. A new or changed definition is ensured with one
 * {@code createIndexes} (a no-op for the indexes that exist), then recorded. Indexes are only added, never dropped:
 * an index removed from a definition stays until dropped by hand. Deleting a collection's {@code index_versions}
 * document makes the next start ensure its indexes again (e.g. after an index was dropped by hand).
 *
 * <p>Use: {@code static final CollectionIndexes INDEXES = CollectionIndexes.of("things", Indexes.ascending("x"))}
 * beside the code that reads {@code things}, and {@code IndexVersions.ensure(database, INDEXES)} in its constructor.
 */
public final class IndexVersions {

    static final String COLLECTION = "index_versions";

    private static final Logger log = LoggerFactory.getLogger(IndexVersions.class);

    private IndexVersions() {}

    /** Ensures the declared indexes unless this very definition was ensured before; true when it ensured them. */
    public static boolean ensure(MongoDatabase database, CollectionIndexes declared) {
        MongoCollection<Document> versions = database.getCollection(COLLECTION);
        String definition = declared.definition();
        Document recorded =
                versions.find(Filters.eq("_id", declared.collection())).first();
        if (recorded != null && definition.equals(recorded.getString("definition"))) {
            return false;
        }
        if (!declared.indexes().isEmpty()) {
            database.getCollection(declared.collection()).createIndexes(declared.indexes());
        }
        versions.replaceOne(
                Filters.eq("_id", declared.collection()),
                new Document("_id", declared.collection())
                        .append("definition", definition)
                        .append("ensured_at", new Date()),
                new ReplaceOptions().upsert(true));
        log.info("Ensured the indexes of {}", declared.collection());
        return true;
    }
}
