package io.lms.query.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.lms.platform.mongo.CollectionIndexes;
import io.lms.platform.mongo.IndexVersions;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * Where the read models keep their collections. Every read model takes its collections and indexes from here, by
 * their names in collections.md; the application's instance gives those very collections. A replay makes a shadow
 * instance ({@link #shadow}) that gives {@code <name>__replay} instead, each one emptied the first time it is named,
 * so that fresh read models over it build a second copy of the model beside the live one; it also records which
 * collections were named: those the replayed projections own.
 */
@Component
public class ReadModelCollections {

    public static final String SHADOW_SUFFIX = "__replay";

    private final MongoDatabase database;
    private final boolean shadow;
    private final Set<String> named = new TreeSet<>();

    @Autowired
    public ReadModelCollections(MongoDatabaseFactory databaseFactory) {
        this(databaseFactory.getMongoDatabase(), false);
    }

    private ReadModelCollections(MongoDatabase database, boolean shadow) {
        this.database = database;
        this.shadow = shadow;
    }

    /** The live collections of the database (tests build read models over a database of their own). */
    public static ReadModelCollections of(MongoDatabaseFactory databaseFactory) {
        return new ReadModelCollections(databaseFactory);
    }

    /** Shadow collections beside the live ones, for a replay. */
    public static ReadModelCollections shadow(MongoDatabase database) {
        return new ReadModelCollections(database, true);
    }

    public static String shadowName(String collection) {
        return collection + SHADOW_SUFFIX;
    }

    public synchronized MongoCollection<Document> get(String collection) {
        MongoCollection<Document> found = database.getCollection(shadow ? shadowName(collection) : collection);
        if (named.add(collection) && shadow) {
            found.drop(); // what an earlier, unfinished replay left
        }
        return found;
    }

    /**
     * The declared indexes: ensured once per definition on a live collection ({@link IndexVersions}); created on a
     * shadow, which a switch renames over the live collection with them, so that the recorded definition stays true.
     */
    public void ensure(CollectionIndexes indexes) {
        MongoCollection<Document> collection = get(indexes.collection());
        if (!shadow) {
            IndexVersions.ensure(database, indexes);
        } else if (!indexes.indexes().isEmpty()) {
            collection.createIndexes(indexes.indexes());
        }
    }

    /** The collections named so far (live names), in order. */
    public synchronized Set<String> named() {
        return Set.copyOf(named);
    }

    public MongoDatabase database() {
        return database;
    }
}
