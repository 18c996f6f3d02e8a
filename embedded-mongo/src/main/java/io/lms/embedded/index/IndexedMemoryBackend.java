package io.lms.embedded.index;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import java.util.Comparator;
import java.util.List;

/**
 * mongo-java-server's memory backend with {@link SecondaryIndex secondary indexes}, sorted pages and counts
 * served from them ({@link IndexedReads}, {@link CountPipeline}), unique indexes that serve ranges too
 * ({@link UniqueRangeIndex}), and {@code renameCollection} atomic for other commands ({@link RenameGate}).
 */
public final class IndexedMemoryBackend extends MemoryBackend {

    private final RenameGate renames = new RenameGate();

    @Override
    public Document handleMessage(MongoMessage message) {
        return renames.handle(message, super::handleMessage);
    }

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
        public synchronized void dropCollection(String collectionName, Oplog oplog) {
            super.dropCollection(collectionName, oplog);
            if (groups != null) {
                groups.drop(collectionName);
            }
        }

        @Override
        public synchronized void moveCollection(
                MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            String oldName = collection.getCollectionName();
            super.moveCollection(oldDatabase, collection, newCollectionName);
            if (groups != null && oldDatabase == this) {
                groups.rename(oldName, newCollectionName);
            }
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new IndexedMemoryCollection(this, collectionName, options, cursorRegistry);
        }

        @Override
        public Document handleCommand(
                Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
            Document counted =
                    CountPipeline.answer(getDatabaseName(), command, query, name -> resolveCollection(name, false));
            return counted != null ? counted : super.handleCommand(channel, command, query, resolver, oplog);
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
