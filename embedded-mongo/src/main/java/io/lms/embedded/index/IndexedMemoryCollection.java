package io.lms.embedded.index;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A memory collection whose {@code _id $in} lookups, sorted queries and counts use {@link IndexedReads} where an
 * index allows.
 */
final class IndexedMemoryCollection extends MemoryCollection {

    IndexedMemoryCollection(
            MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursorRegistry) {
        super(database, name, options, cursorRegistry);
    }

    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
        Iterable<Integer> exact = IndexedReads.exactIdLookup(getIndexes(), query);
        if (exact != null) {
            return matchDocuments(new Document(), exact, orderBy, skip, limit, batchSize, fieldSelector);
        }
        IndexedReads.Ordered<Integer> ordered = IndexedReads.inSortOrder(getIndexes(), query, orderBy, skip);
        if (ordered == null) {
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        return matchDocuments(query, ordered.positions(), null, ordered.skip(), limit, batchSize, fieldSelector);
    }

    @Override
    public void addIndex(Index<Integer> index) {
        super.addIndex(index);
        IndexGroup.join(getIndexes(), index);
    }

    @Override
    public int count(Document query, int skip, int limit) {
        long count = IndexedReads.count(getIndexes(), query, skip, limit);
        return count < 0 ? super.count(query, skip, limit) : Math.toIntExact(count);
    }
}
