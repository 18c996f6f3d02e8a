package io.lms.eventstore;

import static io.lms.eventstore.EventLayout.APPEND_FIRST;
import static io.lms.eventstore.EventLayout.APPEND_LAST;
import static io.lms.eventstore.EventLayout.ID;
import static io.lms.eventstore.EventLayout.isSkipped;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * Finds the rest of multi-event appends, so that readers can judge an append whole before delivering any of it.
 *
 * <p>Invariant: every event of an append of more than one event carries the append's index range
 * ({@code appendFirst}, {@code appendLast}); an append is used by readers only when every index of that range holds
 * an event, and is dropped (replaced by skip markers) when one holds a marker.
 *
 * <p>Concurrency: thread-safe; holds no state.
 */
final class WholeAppends {

    /** The most ids one {@code $in} asks for when reading the rest of large appends (see {@link #findByIds}). */
    static final int MAX_IDS_PER_LOOKUP = 100;

    private final MongoCollection<BsonDocument> events;

    WholeAppends(MongoCollection<BsonDocument> events) {
        this.events = events;
    }

    /**
     * The indexes of the multi-event appends among {@code documents} that are not in {@code known}: what must be read
     * too before those appends can be judged whole.
     */
    static List<Long> restOfAppends(Collection<BsonDocument> documents, Set<Long> known) {
        List<Long> rest = new ArrayList<>();
        Set<Long> appends = new HashSet<>();
        for (BsonDocument document : documents) {
            if (document.containsKey(APPEND_FIRST)
                    && !isSkipped(document)
                    && appends.add(document.getInt64(APPEND_FIRST).getValue())) {
                long last = document.getInt64(APPEND_LAST).getValue();
                for (long k = document.getInt64(APPEND_FIRST).getValue(); k <= last; k++) {
                    if (!known.contains(k)) {
                        rest.add(k);
                    }
                }
            }
        }
        return rest;
    }

    /**
     * The events (or markers) with the given indexes, found with {@code $in}s on {@code _id} of at most
     * {@value #MAX_IDS_PER_LOOKUP} ids each; {@code projection} may be null. Used for the rest of large appends, which
     * may hold thousands of indexes. mongo-java-server checks every document its index found against the whole
     * {@code $in} list, so a lookup of n ids costs it time in n squared: the rest of a 1,000-event append in one
     * {@code $in} took two thirds of its time. Lookups of a tracking window's size keep that cost per document as low
     * as the window's own lookup, for a few more round trips on a real MongoDB.
     */
    List<BsonDocument> findByIds(List<Long> ids, Document projection) {
        List<BsonDocument> found = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_LOOKUP) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_LOOKUP));
            events.find(Filters.in(ID, chunk)).projection(projection).into(found);
        }
        return found;
    }
}
