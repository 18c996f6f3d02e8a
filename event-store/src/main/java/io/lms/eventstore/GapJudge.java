package io.lms.eventstore;

import static io.lms.eventstore.EventLayout.ID;
import static io.lms.eventstore.EventLayout.RESERVED_AT;
import static io.lms.eventstore.EventLayout.dateOf;
import static io.lms.eventstore.EventLayout.indexOf;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * Judges whether an index that was handed out but holds nothing is older than the gap timeout, so that readers may
 * skip it for good. Any one of these is proof:
 *
 * <ol>
 *   <li>an event stored at a higher index, or the counter itself, was reserved (server time) more than the gap
 *       timeout before the server's current time: indexes are handed out in order, so this one is older still;
 *   <li>this engine saw the counter at or above the index more than the gap timeout ago (its own monotonic clock;
 *       needs no clock agreement, but only works for a reader that has been running).
 * </ol>
 *
 * <p>Invariant: an index is never judged expired earlier than the gap timeout after it was handed out (all evidence
 * bounds its reservation time from above), so a writer that is faster than the gap timeout is never skipped.
 *
 * <p>Concurrency: thread-safe; its own state is the shared {@link HeadObservations}. Per-fetch evidence lives in an
 * {@link Evidence}, used by one thread.
 */
final class GapJudge {

    /** The most probes beyond the window one lookup asks for. */
    static final int MAX_PROBES = 48;

    /** Reads the {@code reservedAt} of the stored documents at the given indexes (those that have one). */
    interface ReservationProbe {
        Map<Long, Instant> reservedAt(List<Long> indexes);
    }

    /** Per-fetch evidence: the counter, read at most once and only when needed, and what probes found. */
    static final class Evidence {
        private final Supplier<EventCounter.Head> headReader;
        private EventCounter.Head head;
        private final TreeMap<Long, Instant> probed = new TreeMap<>();
        private long lastProbeFrom = Long.MIN_VALUE;

        Evidence(Supplier<EventCounter.Head> headReader) {
            this.headReader = headReader;
        }

        EventCounter.Head head() {
            if (head == null) {
                head = headReader.get();
            }
            return head;
        }
    }

    private final long gapTimeoutMillis;
    private final int batchSize;
    private final Supplier<Instant> serverNow;
    private final HeadObservations observations;
    private final ReservationProbe probe;

    GapJudge(
            long gapTimeoutMillis,
            int batchSize,
            Supplier<Instant> serverNow,
            HeadObservations observations,
            ReservationProbe probe) {
        this.gapTimeoutMillis = gapTimeoutMillis;
        this.batchSize = batchSize;
        this.serverNow = serverNow;
        this.observations = observations;
        this.probe = probe;
    }

    /** A probe that reads {@code reservedAt} from the events collection with one {@code $in}. */
    static ReservationProbe probeOf(MongoCollection<BsonDocument> events) {
        return indexes -> {
            Map<Long, Instant> found = new HashMap<>();
            for (BsonDocument document :
                    events.find(Filters.in(ID, indexes)).projection(new Document(RESERVED_AT, 1))) {
                if (document.containsKey(RESERVED_AT)) {
                    found.put(indexOf(document), dateOf(document.get(RESERVED_AT)));
                }
            }
            return found;
        };
    }

    /**
     * Whether a missing index (at most the head) is older than the gap timeout. {@code earliestAboveInWindow} is the
     * earliest {@code reservedAt} stored above the index within the reader's window, or null when there is none:
     * then a few indexes further up are probed.
     */
    boolean isExpired(long index, Instant earliestAboveInWindow, Evidence evidence) {
        Instant bound = earliestAboveInWindow;
        if (bound == null) {
            bound = evidenceBeyond(index, evidence);
        }
        Instant counterTime = evidence.head().reservedAt();
        if (counterTime != null && (bound == null || counterTime.isBefore(bound))) {
            bound = counterTime;
        }
        if (bound != null && bound.plusMillis(gapTimeoutMillis).isBefore(serverNow.get())) {
            return true;
        }
        return observations.seenLongerThanGapTimeout(index);
    }

    /**
     * For every key, the earliest {@code reservedAt} of any document found above it among the keys (null for none):
     * it bounds from above when that key was reserved.
     */
    static Map<Long, Instant> earliestReservedAbove(SortedSet<Long> keys, Map<Long, BsonDocument> found) {
        Map<Long, Instant> result = new HashMap<>();
        Instant earliest = null;
        List<Long> descending = new ArrayList<>(keys);
        for (int i = descending.size() - 1; i >= 0; i--) {
            long index = descending.get(i);
            result.put(index, earliest);
            BsonDocument document = found.get(index);
            if (document != null && document.containsKey(RESERVED_AT)) {
                Instant reservedAt = dateOf(document.get(RESERVED_AT));
                earliest = earliest == null || reservedAt.isBefore(earliest) ? reservedAt : earliest;
            }
        }
        return result;
    }

    /**
     * When nothing above a missing index is stored inside the window, probes a few indexes further up (index + 2^k *
     * batch, and the head, in one lookup) for an event whose reservation time bounds the missing one. Probes again
     * only a batch or more above the last probe.
     */
    private Instant evidenceBeyond(long index, Evidence evidence) {
        Instant earliest = earliestProbedAbove(index, evidence);
        if (earliest == null
                && (evidence.lastProbeFrom == Long.MIN_VALUE || index >= evidence.lastProbeFrom + batchSize)) {
            evidence.lastProbeFrom = index;
            long head = evidence.head().index();
            List<Long> probes = new ArrayList<>();
            long step = Math.max(1, batchSize);
            for (long offset = step; index + offset < head && probes.size() < MAX_PROBES; offset *= 2) {
                probes.add(index + offset);
            }
            probes.add(head);
            evidence.probed.putAll(probe.reservedAt(probes));
            earliest = earliestProbedAbove(index, evidence);
        }
        return earliest;
    }

    private static Instant earliestProbedAbove(long index, Evidence evidence) {
        Instant earliest = null;
        for (Instant reservedAt : evidence.probed.tailMap(index, false).values()) {
            earliest = earliest == null || reservedAt.isBefore(earliest) ? reservedAt : earliest;
        }
        return earliest;
    }
}
