package io.lms.eventstore;

import static io.lms.eventstore.EventLayout.AGGREGATE_KEY;
import static io.lms.eventstore.EventLayout.EVENT_ID;
import static io.lms.eventstore.EventLayout.ID;
import static io.lms.eventstore.EventLayout.SKIPPED;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;

/**
 * Turns the write errors of a group's {@code insertMany} into each append's outcome, and tidies what the failed
 * appends left behind.
 *
 * <p>Invariant: an append hit by a write error leaves nothing readable: its unwritten indexes get skip markers and
 * its written documents are replaced by skip markers (readers deliver an append only when all its indexes hold
 * events, so they never see part of it meanwhile). Its failure says why: when another event holds one of its
 * aggregate keys or event identifiers, a {@link ConcurrencyException} if the persistence exception resolver
 * recognises the duplicate key (the default one does), else an {@link EventStoreException}; a timeout message when a
 * reader skipped one of its indexes; an {@link EventStoreException} for any other write error. Appends of the group
 * without a write error are stored.
 *
 * <p>Concurrency: called by the group's leader only, after the insert answered; the lookups run before the tidying,
 * so that they see the group as the insert left it.
 */
final class AppendRejections {

    private final MongoCollection<BsonDocument> events;
    private final SkipMarkers markers;
    private final long gapTimeoutMillis;
    /** Whether a duplicate key is a concurrency conflict; null: never (as in Axon). */
    private final PersistenceExceptionResolver resolver;

    AppendRejections(
            MongoCollection<BsonDocument> events,
            SkipMarkers markers,
            long gapTimeoutMillis,
            PersistenceExceptionResolver resolver) {
        this.events = events;
        this.markers = markers;
        this.gapTimeoutMillis = gapTimeoutMillis;
        this.resolver = resolver;
    }

    /** The write errors of one append, by position in the append. */
    private record Errors(BulkWriteError first, int failedAt, List<Integer> duplicates) {}

    /** Sets the outcome of every append of the group after its insert reported write errors, then tidies. */
    void handle(MongoBulkWriteException e, List<PendingAppend> group, List<BsonDocument> all) {
        Map<Integer, BulkWriteError> errors = new HashMap<>();
        for (BulkWriteError error : e.getWriteErrors()) {
            errors.put(error.getIndex(), error);
        }
        List<Long> unwritten = new ArrayList<>();
        List<Long> written = new ArrayList<>();
        for (PendingAppend pending : group) {
            Errors mine = errorsOf(pending, errors);
            if (mine == null) {
                if (e.getWriteConcernError() != null) {
                    pending.failure = new EventStoreException(
                            "The server did not confirm the write concern for the append; its events may be stored", e);
                }
                continue;
            }
            pending.failure = classify(e, pending, all, mine);
            for (int i = 0; i < pending.size(); i++) {
                long index = all.get(pending.offset + i).getInt64(ID).getValue();
                (errors.containsKey(pending.offset + i) ? unwritten : written).add(index);
            }
        }
        // mark the unwritten indexes (readers then know these appends failed and never wait for them), and replace
        // what was written of the failed appends by skip markers, so that no part of them remains as events
        markers.tidyFailedAppends(unwritten, written);
    }

    /** The write errors that hit the append; null when none did. */
    private static Errors errorsOf(PendingAppend pending, Map<Integer, BulkWriteError> errors) {
        BulkWriteError first = null;
        int failedAt = -1;
        List<Integer> duplicates = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            BulkWriteError error = errors.get(pending.offset + i);
            if (error == null) {
                continue;
            }
            if (first == null) {
                first = error;
                failedAt = i;
            }
            if (ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                duplicates.add(i);
            }
        }
        return first == null ? null : new Errors(first, failedAt, duplicates);
    }

    private RuntimeException classify(
            MongoBulkWriteException e, PendingAppend pending, List<BsonDocument> all, Errors mine) {
        try {
            return rejection(e, pending, all, mine);
        } catch (MongoException lookupFailed) {
            e.addSuppressed(lookupFailed);
            return new EventStoreException(
                    "Event [" + pending.messages.get(mine.failedAt()).getIdentifier() + "] was not stored ("
                            + mine.first().getMessage() + "), and no event of its append was",
                    e);
        }
    }

    private RuntimeException rejection(
            MongoBulkWriteException e, PendingAppend pending, List<BsonDocument> all, Errors mine) {
        String nothing = pending.size() == 1 ? "" : " (no event of this append was stored)";
        RuntimeException conflict = aggregateConflict(e, pending, all, mine.duplicates(), nothing);
        if (conflict != null) {
            return conflict;
        }
        BsonDocument document = all.get(pending.offset + mine.failedAt());
        EventMessage<?> message = pending.messages.get(mine.failedAt());
        if (ErrorCategory.fromErrorCode(mine.first().getCode()) == ErrorCategory.DUPLICATE_KEY) {
            return duplicateIndexOrEventId(e, document, message, mine.first(), nothing);
        }
        return new EventStoreException(
                "Event [" + message.getIdentifier() + "] was not stored: "
                        + mine.first().getMessage() + nothing,
                e);
    }

    /** A duplicate key is a concurrency conflict when the resolver says so (Axon's rule). */
    private RuntimeException conflict(String message, MongoBulkWriteException e) {
        return resolver != null && resolver.isDuplicateKeyViolation(e)
                ? new ConcurrencyException(message, e)
                : new EventStoreException(message, e);
    }

    /** The failure when another event holds the aggregate key of one of the duplicates; else null. */
    private RuntimeException aggregateConflict(
            MongoBulkWriteException e,
            PendingAppend pending,
            List<BsonDocument> all,
            List<Integer> duplicates,
            String nothing) {
        for (int i : duplicates) {
            BsonDocument document = all.get(pending.offset + i);
            if (document.containsKey(AGGREGATE_KEY)
                    && events.find(Filters.eq(AGGREGATE_KEY, document.get(AGGREGATE_KEY)))
                                    .first()
                            != null) {
                DomainEventMessage<?> domainEvent = (DomainEventMessage<?>) pending.messages.get(i);
                String what = domainEvent.getSequenceNumber() == 0
                        ? String.format(
                                "another append created aggregate [%s] at the same time (sequence number 0 is taken)",
                                domainEvent.getAggregateIdentifier())
                        : String.format(
                                "another append wrote sequence number [%d] of aggregate [%s] first",
                                domainEvent.getSequenceNumber(), domainEvent.getAggregateIdentifier());
                return conflict(what + nothing, e);
            }
        }
        return null;
    }

    /** A duplicate that is not an aggregate key: the index was skipped by a reader, or the event id is taken. */
    private RuntimeException duplicateIndexOrEventId(
            MongoBulkWriteException e,
            BsonDocument document,
            EventMessage<?> message,
            BulkWriteError first,
            String nothing) {
        BsonDocument atIndex = events.find(Filters.eq(ID, document.get(ID))).first();
        if (atIndex != null && atIndex.getBoolean(SKIPPED, BsonBoolean.FALSE).getValue()) {
            return new EventStoreException(
                    "The append took longer than the gap timeout (" + gapTimeoutMillis
                            + " ms) between taking index "
                            + document.get(ID).asInt64().getValue()
                            + " and writing it; readers have skipped that index, so the event was not stored"
                            + nothing,
                    e);
        }
        String notStored = "Event [" + message.getIdentifier() + "] at index "
                + document.get(ID).asNumber().longValue() + " was not stored: " + first.getMessage() + nothing;
        if (events.find(Filters.eq(EVENT_ID, document.get(EVENT_ID))).first() != null) {
            return conflict(notStored, e); // another event has this identifier
        }
        return new EventStoreException(notStored, e);
    }
}
