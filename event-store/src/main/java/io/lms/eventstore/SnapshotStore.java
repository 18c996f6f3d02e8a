package io.lms.eventstore;

import static io.lms.eventstore.EventLayout.ID;
import static io.lms.eventstore.EventLayout.SEQUENCE_NUMBER;
import static io.lms.eventstore.EventLayout.SNAPSHOT_KEY;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.serialization.Serializer;
import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshots collection: one document per aggregate ({@code _id} is the aggregate identifier).
 *
 * <p>Invariant: a stored snapshot is only ever replaced by a newer one (higher sequence number): the replacement is a
 * compare-and-set on the unique {@code snapshotKey} of the snapshot it replaces.
 *
 * <p>Concurrency: thread-safe; holds no state. Races between nodes are settled by the unique {@code _id} (first
 * insert) and the compare-and-set; a writer that loses ten races in a row gives up with a warning (a snapshot is
 * only an optimisation).
 */
final class SnapshotStore {

    private static final Logger logger = LoggerFactory.getLogger(MongoIndexedEventStorageEngine.class);
    private static final int ATTEMPTS = 10;

    private final MongoCollection<BsonDocument> snapshots;

    SnapshotStore(MongoCollection<BsonDocument> snapshots) {
        this.snapshots = snapshots;
    }

    void ensureIndex() {
        EventLayout.ensureSnapshotIndex(snapshots);
    }

    void store(DomainEventMessage<?> snapshot, Serializer serializer) {
        String aggregateId = snapshot.getAggregateIdentifier();
        long sequenceNumber = snapshot.getSequenceNumber();
        BsonDocument document = EventLayout.snapshotDocument(snapshot, serializer);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            BsonDocument current = snapshots.find(Filters.eq(ID, aggregateId)).first();
            if (current == null) {
                if (insertFirst(document, aggregateId)) {
                    return;
                }
                continue; // someone stored one at the same time: compare again
            }
            if (current.getNumber(SEQUENCE_NUMBER).longValue() >= sequenceNumber) {
                return; // the stored snapshot is as new or newer
            }
            if (replace(current, document)) {
                return;
            }
        }
        logger.warn("Gave up storing a snapshot of {} at {} after repeated races", aggregateId, sequenceNumber);
    }

    /** Inserts the aggregate's first snapshot; false when another one was stored at the same time. */
    private boolean insertFirst(BsonDocument document, String aggregateId) {
        try {
            snapshots.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw new EventStoreException("Could not store the snapshot of " + aggregateId, e);
            }
            return false;
        }
    }

    /** Compare-and-set on the unique snapshot key, so that an older snapshot never replaces a newer one. */
    private boolean replace(BsonDocument current, BsonDocument document) {
        long matched = snapshots
                .replaceOne(
                        Filters.eq(SNAPSHOT_KEY, current.getString(SNAPSHOT_KEY).getValue()), document)
                .getMatchedCount();
        return matched == 1;
    }

    Stream<? extends DomainEventData<?>> read(String aggregateIdentifier) {
        BsonDocument snapshot =
                snapshots.find(Filters.eq(ID, aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(EventLayout.domainEventData(snapshot));
    }
}
