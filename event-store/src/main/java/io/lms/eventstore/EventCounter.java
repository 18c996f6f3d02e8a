package io.lms.eventstore;

import static io.lms.eventstore.EventLayout.DUPLICATE_KEY;
import static io.lms.eventstore.EventLayout.HEAD;
import static io.lms.eventstore.EventLayout.ID;
import static io.lms.eventstore.EventLayout.RESERVED_AT;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The counter document that hands out global indexes: {@code {_id: "events", head: <last index handed out>,
 * reservedAt: <server time of the last update>}}.
 *
 * <p>Invariant: indexes are handed out once, contiguously and in increasing order, each range with one atomic
 * {@code $inc}; a range's {@code reservedAt} is read after the counter answered, so it is never earlier than the
 * true time of taking it. Every head read is recorded in the {@link HeadObservations}.
 *
 * <p>Concurrency: thread-safe; atomicity is the server's ({@code findAndModify}), this class holds no state of its
 * own.
 */
final class EventCounter {

    /** {@code _id} of the counter document in the counters collection. */
    static final String COUNTER_ID = "events";

    /** The head of the counter, and the server's time of its last update (null when unknown). */
    record Head(long index, Instant reservedAt) {}

    private final MongoDatabase database;
    private final MongoCollection<BsonDocument> counters;
    private final ServerClock clock;
    private final HeadObservations observations;

    EventCounter(
            MongoDatabase database,
            MongoCollection<BsonDocument> counters,
            ServerClock clock,
            HeadObservations observations) {
        this.database = database;
        this.counters = counters;
        this.clock = clock;
        this.observations = observations;
    }

    /** Creates the counter document at 0 when it is missing; safe to call from several nodes at once. */
    void ensureExists() {
        try {
            counters.updateOne(
                    Filters.eq(ID, COUNTER_ID), Updates.setOnInsert(HEAD, 0L), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCode() != DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** The highest index handed out so far (0 when none), without recording it. */
    long headIndex() {
        BsonDocument counter = counters.find(Filters.eq(ID, COUNTER_ID)).first();
        return counter == null ? 0L : counter.getNumber(HEAD).longValue();
    }

    /** The head and its time, recorded in the observations. */
    Head readHead() {
        BsonDocument counter = counters.find(Filters.eq(ID, COUNTER_ID)).first();
        if (counter == null) {
            return new Head(0L, null);
        }
        long head = counter.getNumber(HEAD).longValue();
        observations.observe(head);
        return new Head(head, counter.containsKey(RESERVED_AT) ? EventLayout.dateOf(counter.get(RESERVED_AT)) : null);
    }

    /**
     * Takes {@code count} indexes with one counter update. The pre-image of the counter is asked for, not the
     * post-image: mongo-java-server answers a post-image from its live document outside its lock, so two concurrent
     * {@code $inc}s could read the same value there; the pre-image is a copy on every server.
     */
    Reservation take(int count) {
        for (int attempt = 0; ; attempt++) {
            try {
                BsonDocument before = clock.isStandalone() ? findAndModify(count) : findOneAndUpdate(count);
                long previous = before == null || !before.containsKey(HEAD)
                        ? 0L
                        : before.getNumber(HEAD).longValue();
                return new Reservation(previous + 1, previous + count, clock.now());
            } catch (MongoCommandException | MongoWriteException e) {
                // two first-ever upserts racing: one of them sees a duplicate _id; the counter exists now
                if (attempt >= 3 || e.getCode() != DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    private BsonDocument findOneAndUpdate(int count) {
        return counters.findOneAndUpdate(
                Filters.eq(ID, COUNTER_ID),
                Updates.combine(Updates.inc(HEAD, (long) count), Updates.currentDate(RESERVED_AT)),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
    }

    /**
     * The counter update as a plain {@code findAndModify} command: the same update, upsert and pre-image as
     * {@code findOneAndUpdate}, at about two thirds of the driver's cost per call (it skips building a result codec
     * per call). Used only on a standalone server, where the driver could not retry the write anyway; on a replica
     * set or behind mongos the engine keeps {@code findOneAndUpdate}, which the driver's retryable writes cover.
     */
    private BsonDocument findAndModify(int count) {
        BsonDocument command = new BsonDocument(
                        "findAndModify", new BsonString(counters.getNamespace().getCollectionName()))
                .append("query", new BsonDocument(ID, new BsonString(COUNTER_ID)))
                .append(
                        "update",
                        new BsonDocument("$inc", new BsonDocument(HEAD, new BsonInt64(count)))
                                .append("$currentDate", new BsonDocument(RESERVED_AT, BsonBoolean.TRUE)))
                .append("upsert", BsonBoolean.TRUE)
                .append("new", BsonBoolean.FALSE);
        if (!counters.getWriteConcern().isServerDefault()) {
            command.append("writeConcern", counters.getWriteConcern().asDocument());
        }
        BsonDocument reply = database.runCommand(command, BsonDocument.class);
        if (reply.containsKey("writeConcernError")) {
            // the indexes may or may not be taken: like a broken connection, the range is a gap if they were
            throw new EventStoreException("The counter update was not confirmed: " + reply.get("writeConcernError"));
        }
        BsonValue value = reply.get("value");
        return value == null || value.isNull() ? null : value.asDocument();
    }
}
