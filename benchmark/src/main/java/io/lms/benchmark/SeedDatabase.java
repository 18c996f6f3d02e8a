package io.lms.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.lms.eventstore.MongoIndexedEventStorageEngine;
import java.util.Locale;
import org.axonframework.serialization.Serializer;

/** What the benchmarks' seeds (audit, replay, forum) write into: an emptied {@code lms} database with the event store's indexes. */
final class SeedDatabase {

    private SeedDatabase() {}

    /**
     * Drops the {@code lms} database and builds the event store's engine on it once, so that the indexes are the ones
     * the services expect before a seed writes the stored layout straight into {@code events}.
     */
    static MongoDatabase emptyEventStore(MongoClient client, Serializer events, Serializer snapshots) {
        MongoDatabase database = client.getDatabase("lms");
        database.drop();
        MongoIndexedEventStorageEngine.builder()
                .mongoDatabase(database)
                .eventSerializer(events)
                .snapshotSerializer(snapshots)
                .build();
        return database;
    }

    /** A 24-hex id: a tag byte, then the number. */
    static String taggedId(int tag, long n) {
        return String.format(Locale.ROOT, "%02x%022x", tag, n);
    }
}
