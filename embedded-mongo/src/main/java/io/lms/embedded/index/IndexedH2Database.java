package io.lms.embedded.index;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Set;
import org.h2.mvstore.MVMap;
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

    // the names H2Database gives a collection's maps
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    /** The store of a database being constructed: the library's constructor opens its collections. */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    // no initializer: the library's constructor opens the indexes before this class's fields are set
    private IndexGroups groups;
    private MVStore store;

    public IndexedH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, opening(mvStore), cursorRegistry);
        this.store = mvStore;
        OPENING.remove();
    }

    private static MVStore opening(MVStore mvStore) {
        OPENING.set(mvStore);
        return mvStore;
    }

    /** The library's collection (the same maps, as {@code H2Database} names them), with {@link IndexedReads}. */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVStore mvStore = store != null ? store : OPENING.get();
        String namespace = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> documents = mvStore.openMap(DATA_PREFIX + namespace);
        MVMap<String, Object> meta = mvStore.openMap(META_PREFIX + namespace);
        return new IndexedH2Collection(this, collectionName, options, documents, meta, cursorRegistry);
    }

    @Override
    public Document handleCommand(
            Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
        Document counted =
                CountPipeline.answer(getDatabaseName(), command, query, name -> resolveCollection(name, false));
        return counted != null ? counted : super.handleCommand(channel, command, query, resolver, oplog);
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
    public synchronized void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        if (groups != null) {
            groups.drop(collectionName);
        }
    }

    /**
     * The library's H2 database renames a moved collection's maps after renaming the collection, by its new name:
     * it renamed nothing, so the moved documents stayed in the maps of the old name (a collection made again under
     * that name found them: duplicate keys), and on reopening the new name found empty maps. The data, meta and
     * unique-index maps ({@code _id_} among them) are renamed here first. Secondary indexes move with their group
     * ({@link IndexGroups#rename}).
     */
    @Override
    public synchronized void moveCollection(
            MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String oldName = collection.getCollectionName();
        String from = collection.getFullName();
        String to = getDatabaseName() + "." + newCollectionName;
        renameMap("databases." + from, "databases." + to);
        renameMap("meta." + from, "meta." + to);
        for (String map : Set.copyOf(store.getMapNames())) {
            if (map.startsWith(from + "._index_")) {
                renameMap(map, to + map.substring(from.length()));
            }
        }
        super.moveCollection(oldDatabase, collection, newCollectionName);
        if (groups != null && oldDatabase == this) {
            groups.rename(oldName, newCollectionName);
        }
    }

    private void renameMap(String from, String to) {
        if (store.hasMap(from)) {
            store.renameMap(store.openMap(from), to);
        }
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
