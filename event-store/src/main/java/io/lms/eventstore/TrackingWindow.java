package io.lms.eventstore;

import static io.lms.eventstore.EventLayout.indexOf;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonDocument;

/**
 * One window of a tracking read: the indexes a reader looks at in one go (the token's gaps and the next batch after
 * its index, plus the rest of every multi-event append that reaches beyond them), what is stored there, and the
 * reservation-time evidence the window itself gives for the missing ones.
 *
 * <p>Invariant: {@code found} holds what the store held at each index when the window was read, updated only with
 * the skip markers this reader wrote itself; {@code ordered} is in increasing index order.
 *
 * <p>Concurrency: used by one reading thread.
 */
final class TrackingWindow {

    final List<Long> ordered;
    final Map<Long, BsonDocument> found;
    final Map<Long, Instant> earliestAbove;
    /** First indexes of the appends found whole in this window. */
    final Set<Long> judgedWhole = new HashSet<>();
    /** Position in {@link #ordered} of the next index to deliver or judge. */
    int position;

    private TrackingWindow(List<Long> ordered, Map<Long, BsonDocument> found, Map<Long, Instant> earliestAbove) {
        this.ordered = ordered;
        this.found = found;
        this.earliestAbove = earliestAbove;
    }

    /** Reads the window of the given gaps and the {@code batchSize} indexes after {@code cursor}. */
    static TrackingWindow read(
            MongoCollection<BsonDocument> events,
            WholeAppends wholeAppends,
            Set<Long> gaps,
            long cursor,
            int batchSize) {
        TreeSet<Long> keys = new TreeSet<>(gaps);
        for (long index = cursor + 1; index <= cursor + batchSize; index++) {
            keys.add(index);
        }
        Map<Long, BsonDocument> found = new HashMap<>();
        // the whole window in the first reply (the driver's first batch is otherwise 101 documents)
        for (BsonDocument document :
                events.find(Filters.in(EventLayout.ID, new ArrayList<>(keys))).batchSize(keys.size())) {
            found.put(indexOf(document), document);
        }
        // an append is delivered whole or not at all: read the rest of every append that reaches beyond the window
        List<Long> beyond = WholeAppends.restOfAppends(found.values(), keys);
        if (!beyond.isEmpty()) {
            for (BsonDocument document : wholeAppends.findByIds(beyond, null)) {
                found.put(indexOf(document), document);
            }
            for (long index : beyond) {
                if (index > cursor) {
                    keys.add(index);
                }
            }
        }
        return new TrackingWindow(new ArrayList<>(keys), found, GapJudge.earliestReservedAbove(keys, found));
    }

    boolean hasNext() {
        return position < ordered.size();
    }

    long current() {
        return ordered.get(position);
    }
}
