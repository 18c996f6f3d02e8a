package io.lms.embedded.index;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;

/**
 * mongo-java-server's H2 database with {@link SecondaryIndex secondary indexes} and unique indexes that serve
 * ranges too ({@link UniqueRangeIndex}). Their entries live in memory
 * and are rebuilt from the documents when the database opens; the index definitions are stored as usual.
 */
public final class IndexedH2Database extends H2Database {

    /** The order of the data map's keys (the documents' ids), in which a collection scan reads them. */
    private static final ObjectDataType KEY_ORDER = new ObjectDataType();

    // no initializer: the library's constructor opens the indexes before this class's fields are set
    private IndexGroups groups;

    public IndexedH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, mvStore, cursorRegistry);
    }

    @Override
    protected synchronized Index<Object> openOrCreateSecondaryIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        if (groups == null) {
            groups = new IndexGroups();
        }
        return new SecondaryIndex<>(indexName, keys, sparse, KEY_ORDER::compare, groups.of(collectionName));
    }

    @Override
    protected synchronized Index<Object> openOrCreateUniqueIndex(
            String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        Index<Object> unique = super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        if (!UniqueRangeIndex.servesRanges(keys)) {
            return unique;
        }
        if (groups == null) {
            groups = new IndexGroups();
        }
        return new UniqueRangeIndex<>(unique, sparse, KEY_ORDER::compare, groups.of(collectionName));
    }
}
