package io.lms.embedded.index;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/** An H2 collection whose sorted queries and counts use {@link IndexedReads} where an index allows. */
final class IndexedH2Collection extends H2Collection {

    IndexedH2Collection(
            MongoDatabase database,
            String name,
            CollectionOptions options,
            MVMap<Object, Document> documents,
            MVMap<String, Object> meta,
            CursorRegistry cursorRegistry) {
        super(database, name, options, documents, meta, cursorRegistry);
    }

    @Override
    protected QueryResult queryDocuments(
            Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
        Iterable<Object> exact = IndexedReads.exactIdLookup(getIndexes(), query);
        if (exact != null) {
            return matchDocuments(new Document(), exact, orderBy, skip, limit, batchSize, fieldSelector);
        }
        IndexedReads.Ordered<Object> ordered = IndexedReads.inSortOrder(getIndexes(), query, orderBy, skip);
        if (ordered == null) {
            return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        return matchDocuments(query, ordered.positions(), null, ordered.skip(), limit, batchSize, fieldSelector);
    }

    @Override
    public void addIndex(Index<Object> index) {
        super.addIndex(index);
        IndexGroup.join(getIndexes(), index);
    }

    @Override
    public int count(Document query, int skip, int limit) {
        long count = IndexedReads.count(getIndexes(), query, skip, limit);
        return count < 0 ? super.count(query, skip, limit) : Math.toIntExact(count);
    }
}
