package io.lms.eventstore;

import static io.lms.eventstore.EventLayout.ID;
import static io.lms.eventstore.EventLayout.isSkipped;
import static io.lms.eventstore.EventLayout.skipMarker;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes skip markers: at indexes readers judged expired, at indexes the index pool took and will not use, and in
 * place of what was written of a failed multi-event append.
 *
 * <p>Invariant: a marker is inserted, never upserted, at an index that holds nothing, so a writer that still tries to
 * insert that index fails (duplicate key) instead of being silently lost, and a reader that finds the index written
 * meanwhile learns it from the duplicate; the events of a failed append are replaced by markers, never deleted, so
 * that every index below the head stays occupied once judged.
 *
 * <p>Concurrency: thread-safe; holds no state. Races between writers, readers and other nodes are settled by the
 * unique {@code _id}: the first insert wins.
 */
final class SkipMarkers {

    private static final Logger logger = LoggerFactory.getLogger(MongoIndexedEventStorageEngine.class);

    private final MongoCollection<BsonDocument> events;
    private final ServerClock clock;
    private final long gapTimeoutMillis;

    SkipMarkers(MongoCollection<BsonDocument> events, ServerClock clock, long gapTimeoutMillis) {
        this.events = events;
        this.clock = clock;
        this.gapTimeoutMillis = gapTimeoutMillis;
    }

    /**
     * Writes skip markers for the given missing, expired indexes. Answers false when one of them was written
     * meanwhile (its insert met the event): the caller looks again and delivers it.
     */
    boolean markExpired(List<Long> indexes) {
        if (indexes.isEmpty()) {
            return true;
        }
        boolean stored = insert(indexes);
        if (stored) {
            logger.info(
                    "Skipped indexes {} of the event stream: handed out but not written within {} ms",
                    indexes.size() > 10 ? indexes.get(0) + ".." + indexes.get(indexes.size() - 1) : indexes,
                    gapTimeoutMillis);
        }
        return stored;
    }

    /**
     * Marks indexes that the {@link IndexPool} took ahead and that no append will use as skipped, so that readers
     * pass them at once. A duplicate means a reader marked the index first (it judged it expired): nothing to do.
     */
    void releaseUnused(long first, long last) {
        List<Long> indexes = new ArrayList<>(Math.toIntExact(last - first + 1));
        for (long index = first; index <= last; index++) {
            indexes.add(index);
        }
        insert(indexes);
    }

    /** Inserts skip markers, unordered; false when some index was taken already (duplicate key), true otherwise. */
    private boolean insert(List<Long> indexes) {
        Instant now = clock.now();
        List<BsonDocument> markers = new ArrayList<>(indexes.size());
        for (long index : indexes) {
            markers.add(skipMarker(index, now));
        }
        try {
            events.insertMany(markers, new InsertManyOptions().ordered(false));
            return true;
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            return false;
        }
    }

    /**
     * Replaces the written events of a failed append (one of its indexes is a skip marker) by skip markers, in the
     * store and in {@code found}. Its writer does that itself when it sees the failure; this covers a writer that
     * died before it could.
     */
    void dropFailedAppend(long first, long last, Map<Long, BsonDocument> found) {
        List<Long> written = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            BsonDocument document = found.get(k);
            if (document != null && !isSkipped(document)) {
                written.add(k);
                found.put(k, skipMarker(k, Instant.EPOCH));
            }
        }
        tidyFailedAppends(List.of(), written);
    }

    /**
     * Inserts skip markers at the unwritten indexes and replaces the written documents (of failed appends) by skip
     * markers, in one unordered bulk write. Duplicates among the markers mean a reader marked the index first.
     */
    void tidyFailedAppends(List<Long> unwritten, List<Long> written) {
        if (unwritten.isEmpty() && written.isEmpty()) {
            return;
        }
        Instant now = clock.now();
        List<WriteModel<BsonDocument>> writes = new ArrayList<>(unwritten.size() + written.size());
        for (long index : unwritten) {
            writes.add(new InsertOneModel<>(skipMarker(index, now)));
        }
        for (long index : written) {
            writes.add(new ReplaceOneModel<>(Filters.eq(ID, index), skipMarker(index, now)));
        }
        try {
            events.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // duplicates: a reader marked them first (the append was too slow); anything else is worth a word
            if (e.getWriteErrors().stream()
                    .anyMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                logger.warn(
                        "Could not mark all indexes of failed appends as skipped; readers pass them after the gap"
                                + " timeout",
                        e);
            }
        } catch (MongoException e) {
            logger.warn(
                    "Could not mark {} indexes of failed appends as skipped; readers will pass them after the gap"
                            + " timeout",
                    writes.size(),
                    e);
        }
    }
}
