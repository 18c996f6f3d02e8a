package io.lms.eventstore;

import static io.lms.eventstore.EventLayout.ID;
import static io.lms.eventstore.EventLayout.RESERVED_AT;
import static io.lms.eventstore.EventLayout.SKIPPED;
import static io.lms.eventstore.EventLayout.dateOf;
import static io.lms.eventstore.EventLayout.indexOf;
import static io.lms.eventstore.EventLayout.isSkipped;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * Creates tracking tokens: at the tail, at the head, and at a point in time.
 *
 * <p>Invariant: a token's index is a position in the global index; a reader starting from a token made here misses
 * no event at or after that position: indexes at or below a head token that are not written yet are gaps of the
 * token. A token at a time is placed by the event's {@code reservedAt} (the server's time its index was taken),
 * which grows with the index, so that "from this time on" is a position; the event's own timestamp is set by the
 * application and need not be ordered.
 *
 * <p>Concurrency: thread-safe; holds no state.
 */
final class TokenFactory {

    /** Indexes one lookup of {@link #firstEventAtOrAfter} asks for. */
    private static final int PROBE_WIDTH = 16;

    private final MongoCollection<BsonDocument> events;
    private final EventCounter counter;
    private final int batchSize;

    TokenFactory(MongoCollection<BsonDocument> events, EventCounter counter, int batchSize) {
        this.events = events;
        this.counter = counter;
        this.batchSize = batchSize;
    }

    /** The position before the first index (indexes start at 1): a reader from here sees every event. */
    TrackingToken tail() {
        return GapAwareTrackingToken.newInstance(0L, List.of());
    }

    /**
     * The current head of the counter. Indexes in the last batch below it that are not written yet (appends in
     * flight) become gaps of the token, so that a reader starting here still gets them.
     */
    TrackingToken head() {
        long head = counter.readHead().index();
        if (head == 0) {
            return tail();
        }
        List<Long> window = new ArrayList<>();
        for (long index = Math.max(1, head - batchSize + 1); index <= head; index++) {
            window.add(index);
        }
        Set<Long> present = new HashSet<>();
        for (BsonDocument document : events.find(Filters.in(ID, window)).projection(new Document(ID, 1))) {
            present.add(indexOf(document));
        }
        List<Long> gaps = window.stream().filter(i -> !present.contains(i)).toList();
        return GapAwareTrackingToken.newInstance(head, gaps);
    }

    /**
     * The position just before the first event whose {@code reservedAt} is at or after {@code dateTime}; the head
     * token when there is none. A binary search over the index: about log2(head) lookups of 16 keys each, whatever
     * the size of the store.
     */
    TrackingToken at(Instant dateTime) {
        long head = counter.readHead().index();
        long low = 1; // candidate range [low, high] for the first index reserved at or after dateTime
        long high = head + 1; // head + 1 stands for "none"
        while (low < high) {
            long middle = low + (high - low) / 2;
            BsonDocument probe = firstEventAtOrAfter(middle, high - 1);
            if (probe == null) {
                high = middle; // nothing readable in [middle, high): the answer is below middle or none
            } else if (dateOf(probe.get(RESERVED_AT)).isBefore(dateTime)) {
                low = indexOf(probe) + 1;
            } else {
                long index = indexOf(probe);
                high = index;
                if (index != middle && nothingReadableIn(low, middle - 1)) {
                    // everything in [low, index) is missing or skipped: index is the answer
                    low = index;
                }
            }
        }
        return low > head ? head() : GapAwareTrackingToken.newInstance(low - 1, List.of());
    }

    private boolean nothingReadableIn(long from, long to) {
        return from > to || firstEventAtOrAfter(from, to) == null;
    }

    /** The stored event with the lowest index in [from, to], looking at 16 indexes per lookup; null when none. */
    private BsonDocument firstEventAtOrAfter(long from, long to) {
        for (long start = from; start <= to; start += PROBE_WIDTH) {
            List<Long> keys = new ArrayList<>(PROBE_WIDTH);
            for (long index = start; index <= Math.min(to, start + PROBE_WIDTH - 1); index++) {
                keys.add(index);
            }
            BsonDocument best = null;
            for (BsonDocument document : events.find(Filters.in(ID, keys))
                    .projection(new Document(ID, 1).append(RESERVED_AT, 1).append(SKIPPED, 1))) {
                if (!isSkipped(document) && (best == null || indexOf(document) < indexOf(best))) {
                    best = document;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }
}
