package io.lms.eventstore;

import static io.lms.eventstore.EventLayout.APPEND_FIRST;
import static io.lms.eventstore.EventLayout.APPEND_LAST;
import static io.lms.eventstore.EventLayout.RESERVED_AT;
import static io.lms.eventstore.EventLayout.dateOf;
import static io.lms.eventstore.EventLayout.isSkipped;
import static io.lms.eventstore.EventLayout.skipMarker;

import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.bson.BsonDocument;

/**
 * Reads the event stream for tracking processors, strictly in index order, window by window (see
 * {@link TrackingWindow}).
 *
 * <p>Invariant: events are delivered in increasing index order and each at most once per token; a reader never
 * passes an index that may still be written: a missing index below the head holds the reader back until it is
 * written or the {@link GapJudge} finds it expired, and then the reader writes a skip marker there (if the insert
 * meets an event written meanwhile, the window is read again and the event delivered). A multi-event append is
 * delivered whole or not at all. Skip markers advance the token but are not delivered.
 *
 * <p>Concurrency: thread-safe; holds no state of its own between fetches. Readers of any node race only on skip
 * markers, settled by the unique {@code _id}.
 */
final class TrackingReader {

    private final MongoCollection<BsonDocument> events;
    private final WholeAppends wholeAppends;
    private final SkipMarkers markers;
    private final GapJudge judge;
    private final EventCounter counter;
    private final GapCleaner cleaner;
    private final int gapCleaningThreshold;

    TrackingReader(
            MongoCollection<BsonDocument> events,
            WholeAppends wholeAppends,
            SkipMarkers markers,
            GapJudge judge,
            EventCounter counter,
            int gapCleaningThreshold) {
        this.events = events;
        this.wholeAppends = wholeAppends;
        this.markers = markers;
        this.judge = judge;
        this.counter = counter;
        this.cleaner = new GapCleaner(events, markers, judge, counter);
        this.gapCleaningThreshold = gapCleaningThreshold;
    }

    /** What the next window(s) after the token hold, up to about {@code batchSize} events (null: from the tail). */
    List<? extends TrackedEventData<?>> fetch(GapAwareTrackingToken token, int batchSize) {
        Pass pass = new Pass(token, batchSize);
        if (pass.gaps.size() > gapCleaningThreshold) {
            cleaner.clean(pass.gaps);
        }
        boolean more = true;
        while (more && pass.result.size() < batchSize) {
            more = pass.readWindow(); // delivers, or looks again after a skip marker met an event written meanwhile
        }
        return pass.result;
    }

    /** What a step through the window leads to. */
    private enum Step {
        /** Go on with the next index of the window. */
        NEXT,
        /** Stop this fetch: the end of the stream, or an index that may still be written. */
        HOLD,
        /** Read the window again: an index this reader meant to skip was written meanwhile. */
        LOOK_AGAIN
    }

    /** One fetch: the position reached so far, the gaps left, and what was delivered. Used by one thread. */
    private final class Pass {
        final int batchSize;
        long cursor;
        final TreeSet<Long> gaps;
        final List<TrackedEventData<?>> result = new ArrayList<>();
        final GapJudge.Evidence evidence = new GapJudge.Evidence(counter::readHead);

        Pass(GapAwareTrackingToken token, int batchSize) {
            this.batchSize = batchSize;
            this.cursor = token == null ? 0L : token.getIndex();
            this.gaps = token == null ? new TreeSet<>() : new TreeSet<>(token.getGaps());
        }

        /** Reads one window and walks it; false when the fetch should stop. */
        boolean readWindow() {
            TrackingWindow window = TrackingWindow.read(events, wholeAppends, gaps, cursor, batchSize);
            while (window.hasNext()) {
                Step step = step(window);
                if (step != Step.NEXT) {
                    return step == Step.LOOK_AGAIN;
                }
            }
            return true;
        }

        private Step step(TrackingWindow window) {
            long index = window.current();
            BsonDocument document = window.found.get(index);
            if (document != null && isUnjudgedAppend(document, window)) {
                Step judged = judgeAppend(document, window);
                if (judged != Step.NEXT) {
                    return judged;
                }
                document = window.found.get(index);
            }
            if (document != null) {
                deliver(index, document);
                window.position++;
                return Step.NEXT;
            }
            return passMissing(index, window);
        }

        private boolean isUnjudgedAppend(BsonDocument document, TrackingWindow window) {
            return !isSkipped(document)
                    && document.containsKey(APPEND_FIRST)
                    && !window.judgedWhole.contains(
                            document.getInt64(APPEND_FIRST).getValue());
        }

        /**
         * Part of a multi-event append: it is delivered only when every index of the append holds an event. An
         * append with missing indexes holds the reader back until they are expired; then they are marked skipped
         * and the append has failed: what was written of it is replaced by skip markers.
         */
        private Step judgeAppend(BsonDocument document, TrackingWindow window) {
            long first = document.getInt64(APPEND_FIRST).getValue();
            long last = document.getInt64(APPEND_LAST).getValue();
            List<Long> missing = new ArrayList<>();
            boolean failed = false;
            for (long k = first; k <= last && !failed; k++) {
                BsonDocument other = window.found.get(k);
                if (other == null) {
                    missing.add(k);
                } else {
                    failed = isSkipped(other);
                }
            }
            if (!failed && !missing.isEmpty()) {
                evidence.head();
                Instant reservedAt = dateOf(document.get(RESERVED_AT)); // the same for the whole append
                if (!allExpired(missing, reservedAt)) {
                    return Step.HOLD; // in flight, or its writer died and it is not expired yet
                }
                if (!markers.markExpired(missing)) {
                    return Step.LOOK_AGAIN;
                }
                missing.forEach(k -> window.found.put(k, skipMarker(k, Instant.EPOCH)));
                failed = true;
            }
            if (failed) {
                markers.dropFailedAppend(first, last, window.found);
            } else {
                window.judgedWhole.add(first);
            }
            return Step.NEXT;
        }

        private boolean allExpired(List<Long> missing, Instant reservedAt) {
            for (long k : missing) {
                if (!judge.isExpired(k, reservedAt, evidence)) {
                    return false;
                }
            }
            return true;
        }

        /** Moves past the index (a filled gap of the token leaves the cursor where it is); events are delivered. */
        private void deliver(long index, BsonDocument document) {
            advancePast(index);
            if (!isSkipped(document)) {
                GapAwareTrackingToken next = GapAwareTrackingToken.newInstance(cursor, gaps);
                result.add(new TrackedDomainEventData<>(next, EventLayout.domainEventData(document)));
            }
        }

        private void advancePast(long index) {
            if (!gaps.remove(index)) {
                cursor = index;
            }
        }

        /**
         * A missing index: not yet handed out (the end of the stream), in flight (hold back, to deliver in index
         * order), or abandoned: then it and every expired missing index right after it are marked skipped.
         */
        private Step passMissing(long index, TrackingWindow window) {
            long head = evidence.head().index();
            if (index > head || !judge.isExpired(index, window.earliestAbove.get(index), evidence)) {
                return Step.HOLD;
            }
            List<Long> expired = expiredRun(window, head);
            if (!markers.markExpired(expired)) {
                return Step.LOOK_AGAIN;
            }
            for (long skipped : expired) {
                window.found.put(skipped, skipMarker(skipped, Instant.EPOCH));
                advancePast(skipped);
            }
            window.position += expired.size();
            return Step.NEXT;
        }

        /** The missing, expired indexes of the window from the current one on, up to the first that is not. */
        private List<Long> expiredRun(TrackingWindow window, long head) {
            List<Long> expired = new ArrayList<>();
            for (int j = window.position; j < window.ordered.size(); j++) {
                long candidate = window.ordered.get(j);
                if (window.found.containsKey(candidate)
                        || candidate > head
                        || !judge.isExpired(candidate, window.earliestAbove.get(candidate), evidence)) {
                    break;
                }
                expired.add(candidate);
            }
            return expired;
        }
    }
}
