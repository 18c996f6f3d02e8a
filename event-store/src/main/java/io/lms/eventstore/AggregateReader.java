package io.lms.eventstore;

import static io.lms.eventstore.EventLayout.AGGREGATE_KEY;
import static io.lms.eventstore.EventLayout.APPEND_FIRST;
import static io.lms.eventstore.EventLayout.APPEND_LAST;
import static io.lms.eventstore.EventLayout.ID;
import static io.lms.eventstore.EventLayout.SEQUENCE_NUMBER;
import static io.lms.eventstore.EventLayout.SKIPPED;
import static io.lms.eventstore.EventLayout.aggregateKey;
import static io.lms.eventstore.EventLayout.indexOf;
import static io.lms.eventstore.EventLayout.isSkipped;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventData;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * Reads one aggregate's events by key: {@code $in} over {@code aggregateId#<19-digit sequence number>}, a batch at a
 * time (a read from after the first event looks at its first key alone before), and finds its last sequence number
 * by probing keys.
 *
 * <p>Invariant: an aggregate's stream is delivered contiguously from the asked sequence number up to the first
 * hole; events of a multi-event append are delivered only when the whole append is written (an append in flight
 * looks like the end of the stream; a failed one is dropped and its written events replaced by skip markers).
 *
 * <p>Concurrency: thread-safe; holds no state. Concurrent appends to the aggregate are serialised by the unique
 * aggregate key, not here.
 */
final class AggregateReader {

    private final MongoCollection<BsonDocument> events;
    private final WholeAppends wholeAppends;
    private final SkipMarkers markers;

    AggregateReader(MongoCollection<BsonDocument> events, WholeAppends wholeAppends, SkipMarkers markers) {
        this.events = events;
        this.wholeAppends = wholeAppends;
        this.markers = markers;
    }

    List<? extends DomainEventData<?>> fetch(String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        if (firstSequenceNumber > 0
                && batchSize > 1
                && !exists(aggregateKey(aggregateIdentifier, firstSequenceNumber))) {
            return List.of(); // the stream ends at its first hole: nothing after the asked one can be delivered
        }
        List<String> keys = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            keys.add(aggregateKey(aggregateIdentifier, firstSequenceNumber + i));
        }
        Map<Long, BsonDocument> bySequence = new HashMap<>();
        Map<Long, BsonDocument> byIndex = new HashMap<>();
        for (BsonDocument document : events.find(Filters.in(AGGREGATE_KEY, keys))) {
            bySequence.put(document.getNumber(SEQUENCE_NUMBER).longValue(), document);
            byIndex.put(indexOf(document), document);
        }
        dropPartialAppends(bySequence, byIndex);
        List<DomainEventData<?>> result = new ArrayList<>(bySequence.size());
        for (long sequence = firstSequenceNumber; bySequence.containsKey(sequence); sequence++) {
            result.add(EventLayout.domainEventData(bySequence.get(sequence)));
        }
        return result; // the stream is contiguous; a hole means the end
    }

    /**
     * Whether an event (or a skip marker) holds the key. A read from a sequence number after the first is mostly a
     * look for what is new since a known point (a view folded from a stream, the events after a snapshot), which
     * usually finds nothing: one key answers that, where the batch's {@code $in} would look up every key of the
     * batch.
     */
    private boolean exists(String key) {
        return events.find(Filters.eq(AGGREGATE_KEY, key))
                        .projection(new Document(ID, 1))
                        .first()
                != null;
    }

    /**
     * Removes from {@code bySequence} the events of multi-event appends that are not whole: in flight (an index of the
     * append is not written yet) or failed (one is a skip marker; their written events are then replaced by markers).
     * The rest of an append that reaches beyond the loaded events (other aggregates, the next batch) is looked up by
     * {@code _id}.
     */
    private void dropPartialAppends(Map<Long, BsonDocument> bySequence, Map<Long, BsonDocument> byIndex) {
        List<Long> rest = WholeAppends.restOfAppends(byIndex.values(), byIndex.keySet());
        Map<Long, BsonDocument> status = new HashMap<>(byIndex);
        if (!rest.isEmpty()) {
            for (BsonDocument document : wholeAppends.findByIds(rest, new Document(ID, 1).append(SKIPPED, 1))) {
                status.put(indexOf(document), document);
            }
        }
        Map<Long, Boolean> whole = new HashMap<>();
        bySequence
                .values()
                .removeIf(document -> document.containsKey(APPEND_FIRST)
                        && !whole.computeIfAbsent(
                                document.getInt64(APPEND_FIRST).getValue(),
                                first -> isWhole(
                                        first, document.getInt64(APPEND_LAST).getValue(), status)));
    }

    /** Whether every index of the append holds an event; a failed append is dropped from the store on the way. */
    private boolean isWhole(long first, long last, Map<Long, BsonDocument> status) {
        boolean missing = false;
        for (long k = first; k <= last; k++) {
            BsonDocument other = status.get(k);
            if (other == null) {
                missing = true;
            } else if (isSkipped(other)) {
                markers.dropFailedAppend(first, last, status);
                return false;
            }
        }
        return !missing;
    }

    /**
     * Probes keys instead of scanning: one {@code $in} over the sequence numbers 0, 1, 3, 7, ... 2^62-1 finds the
     * power of two below the head, then {@code $in} rounds of up to 64 evenly spread keys narrow it down (for an
     * aggregate with n events: 1 + ceil(log64 n) lookups).
     */
    Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        List<Long> probes = new ArrayList<>();
        for (int bit = 0; bit < 63; bit++) {
            probes.add((1L << bit) - 1);
        }
        Set<Long> found = existingSequenceNumbers(aggregateIdentifier, probes);
        if (!found.contains(0L)) {
            return Optional.empty();
        }
        long low = 0; // known to exist
        long high = Long.MAX_VALUE; // known (or assumed) not to exist
        for (long probe : probes) {
            if (found.contains(probe)) {
                low = Math.max(low, probe);
            } else if (probe > low) {
                high = Math.min(high, probe);
            }
        }
        while (high - low > 1) {
            long[] narrowed = narrow(aggregateIdentifier, low, high);
            low = narrowed[0];
            high = narrowed[1];
        }
        return Optional.of(low);
    }

    /** One round: probes up to 64 keys spread evenly in (low, high) and answers the new {low, high}. */
    private long[] narrow(String aggregateIdentifier, long low, long high) {
        long span = high - low - 1;
        int count = (int) Math.min(64, span);
        List<Long> candidates = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            candidates.add(low + Math.max(1, (long) ((double) span * i / count)));
        }
        Set<Long> present = existingSequenceNumbers(aggregateIdentifier, candidates);
        long newLow = low;
        long newHigh = high;
        for (long candidate : candidates) {
            if (present.contains(candidate)) {
                newLow = Math.max(newLow, candidate);
            }
        }
        for (long candidate : candidates) {
            if (!present.contains(candidate) && candidate > newLow) {
                newHigh = Math.min(newHigh, candidate);
            }
        }
        return new long[] {newLow, newHigh};
    }

    private Set<Long> existingSequenceNumbers(String aggregateIdentifier, List<Long> sequenceNumbers) {
        List<String> keys = new ArrayList<>(sequenceNumbers.size());
        for (long sequence : sequenceNumbers) {
            keys.add(aggregateKey(aggregateIdentifier, sequence));
        }
        Set<Long> present = new HashSet<>();
        for (BsonDocument document :
                events.find(Filters.in(AGGREGATE_KEY, keys)).projection(new Document(SEQUENCE_NUMBER, 1))) {
            present.add(document.getNumber(SEQUENCE_NUMBER).longValue());
        }
        return present;
    }
}
