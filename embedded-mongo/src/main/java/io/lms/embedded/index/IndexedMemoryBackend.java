package io.lms.embedded.index;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import java.util.Comparator;
import java.util.List;

/** mongo-java-server's memory backend with {@link SecondaryIndex secondary indexes} and unique indexes that serve ranges too ({@link UniqueRangeIndex}). */
public final class IndexedMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedMemoryDatabase(databaseName, getCursorRegistry());
    }

    private static final class IndexedMemoryDatabase extends MemoryDatabase {

        // no initializer: the library's constructor opens the indexes before this class's fields are set
        private IndexGroups groups;

        IndexedMemoryDatabase(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, cursorRegistry);
        }

        @Override
        protected synchronized Index<Integer> openOrCreateSecondaryIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            if (groups == null) {
                groups = new IndexGroups();
            }
            // a memory collection's positions are list slots, scanned in ascending order
            return new SecondaryIndex<>(indexName, keys, sparse, Comparator.naturalOrder(), groups.of(collectionName));
        }

        @Override
        protected synchronized Index<Integer> openOrCreateUniqueIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            Index<Integer> unique = super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
            if (!UniqueRangeIndex.servesRanges(keys)) {
                return unique;
            }
            if (groups == null) {
                groups = new IndexGroups();
            }
            return new UniqueRangeIndex<>(unique, sparse, Comparator.naturalOrder(), groups.of(collectionName));
        }
    }
}
