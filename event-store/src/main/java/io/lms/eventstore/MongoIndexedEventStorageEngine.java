package io.lms.eventstore;

import static org.axonframework.common.BuilderUtils.assertNonNull;
import static org.axonframework.common.BuilderUtils.assertThat;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Axon {@link org.axonframework.eventsourcing.eventstore.EventStorageEngine} on MongoDB in which every event has a
 * global index taken from an atomic counter, and every read is an equality or {@code $in} lookup on a unique
 * single-field key. See {@code docs/event-store.md} for the stored layout and the guarantees.
 *
 * <ul>
 *   <li>Appends reserve a contiguous range of indexes with one {@code findAndModify($inc)} on the counter
 *       document, then insert the events with those indexes as {@code _id}: concurrent appends of one engine share
 *       one counter update and one unordered {@code insertMany}. An append is all or nothing for readers: events of a
 *       multi-event append carry its index range and are used only when every index of it holds an event; a failed
 *       append leaves only skip markers.
 *   <li>Tracking readers use {@link GapAwareTrackingToken}s and deliver events strictly in index order. An index
 *       that was handed out but is not written yet holds the reader back until it is written or older than the gap
 *       timeout; then a reader writes a <em>skip marker</em> (a document with that {@code _id} and
 *       {@code skipped: true}) so that every reader, now and later, passes over it without waiting, and a writer
 *       that still tries to insert that index fails instead of being silently lost.
 *   <li>Aggregates are loaded by {@code $in} over the keys {@code aggregateId + "#" + 19-digit sequence number},
 *       one batch at a time.
 * </ul>
 */
public class MongoIndexedEventStorageEngine extends BatchingEventStorageEngine {

    private static final Logger logger = LoggerFactory.getLogger(MongoIndexedEventStorageEngine.class);

    /** {@code _id} of the counter document in the counters collection. */
    public static final String COUNTER_ID = "events";

    static final String ID = "_id";
    static final String EVENT_ID = "eventId";
    static final String AGGREGATE_KEY = "aggregateKey";
    static final String AGGREGATE_ID = "aggregateId";
    static final String AGGREGATE_TYPE = "aggregateType";
    static final String SEQUENCE_NUMBER = "sequenceNumber";
    static final String TIMESTAMP = "timestamp";
    static final String PAYLOAD_TYPE = "payloadType";
    static final String PAYLOAD_REVISION = "payloadRevision";
    static final String PAYLOAD = "payload";
    static final String META_DATA = "metaData";
    static final String RESERVED_AT = "reservedAt";
    static final String APPEND_FIRST = "appendFirst";
    static final String APPEND_LAST = "appendLast";
    static final String SKIPPED = "skipped";
    static final String SKIPPED_AT = "skippedAt";
    static final String SNAPSHOT_KEY = "snapshotKey";
    static final String HEAD = "head";

    static final String AGGREGATE_KEY_INDEX = "aggregateKey_unique";
    static final String EVENT_ID_INDEX = "eventId_unique";
    static final String SNAPSHOT_KEY_INDEX = "snapshotKey_unique";

    private static final int DUPLICATE_KEY = 11000;
    private static final int MAX_HEAD_OBSERVATIONS = 4096;
    /** The most ids one {@code $in} asks for when reading the rest of large appends (see {@link #findByIds}). */
    private static final int MAX_IDS_PER_LOOKUP = 100;

    private static final long CLOCK_REFRESH_NANOS = Duration.ofSeconds(10).toNanos();

    private final MongoDatabase database;
    private final MongoCollection<BsonDocument> events;
    private final MongoCollection<BsonDocument> snapshots;
    private final MongoCollection<BsonDocument> counters;
    private final long gapTimeoutMillis;
    private final long gapTimeoutNanos;
    private final int gapCleaningThreshold;

    private volatile boolean indexesEnsured;
    /** Local, skew-free evidence: (head index, System.nanoTime() when this engine first saw the counter at it). */
    private final ArrayDeque<long[]> headObservations = new ArrayDeque<>();

    private final boolean groupCommit;
    /** Appends waiting for their indexes; its monitor guards the queue, the entries and the leader flag. */
    private final ArrayDeque<PendingAppend> reservationQueue = new ArrayDeque<>();
    /** Whether a thread is taking indexes for the queue right now. */
    private boolean reservationLeaderActive;
    /** Indexes taken ahead for back-to-back appends; null when off (see {@link Builder#indexPool}). */
    private final IndexPool indexPool;

    private volatile long serverOffsetMillis;
    private volatile long serverOffsetMeasuredAt = Long.MIN_VALUE;
    private final Object serverOffsetLock = new Object();
    private final AtomicBoolean measuringServerOffset = new AtomicBoolean();
    private volatile boolean isMasterUnsupported;
    /** Whether the server is standalone (learnt with the clock offset): then the counter takes the cheaper command. */
    private volatile boolean standalone;

    /**
     * Creates the engine from a builder; {@link Builder#build()} is the usual way. Subclasses (tests) may call it.
     */
    protected MongoIndexedEventStorageEngine(Builder builder) {
        super(builder);
        this.database = builder.mongoDatabase;
        this.events = database.getCollection(builder.eventsCollectionName, BsonDocument.class);
        this.snapshots = database.getCollection(builder.snapshotsCollectionName, BsonDocument.class);
        this.counters = database.getCollection(builder.countersCollectionName, BsonDocument.class);
        this.gapTimeoutMillis = builder.gapTimeout.toMillis();
        this.gapTimeoutNanos = builder.gapTimeout.toNanos();
        this.gapCleaningThreshold = builder.gapCleaningThreshold;
        this.groupCommit = builder.groupCommit;
        Duration poolMaxAge = builder.indexPoolMaxAge.compareTo(builder.gapTimeout.dividedBy(4)) < 0
                ? builder.indexPoolMaxAge
                : builder.gapTimeout.dividedBy(4);
        this.indexPool = groupCommit && builder.indexPoolMaxSurplus > 0
                ? new IndexPool(builder.indexPoolMaxSurplus, poolMaxAge, this::takeIndexes, this::releaseUnused)
                : null;
        if (builder.ensureIndexesOnBuild) {
            ensureIndexes();
        }
    }

    /**
     * A builder with these defaults: collections {@code events}, {@code snapshots}, {@code event_counters}; batch size
     * 100; gap timeout 10 seconds; gap cleaning threshold 250; indexes ensured on build. The {@code mongoDatabase} is
     * required; the serializers default to Axon's (XStream) defaults, so set them.
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- indexes and counter

    /**
     * Creates the unique indexes and the counter document when they are missing. Idempotent; safe to call from
     * several nodes at once.
     */
    public void ensureIndexes() {
        events.createIndex(
                Indexes.ascending(AGGREGATE_KEY),
                new IndexOptions().unique(true).sparse(true).name(AGGREGATE_KEY_INDEX));
        events.createIndex(
                Indexes.ascending(EVENT_ID),
                new IndexOptions().unique(true).sparse(true).name(EVENT_ID_INDEX));
        snapshots.createIndex(
                Indexes.ascending(SNAPSHOT_KEY), new IndexOptions().unique(true).name(SNAPSHOT_KEY_INDEX));
        try {
            counters.updateOne(
                    Filters.eq(ID, COUNTER_ID), Updates.setOnInsert(HEAD, 0L), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCode() != DUPLICATE_KEY) {
                throw e;
            }
        }
        indexesEnsured = true;
    }

    private void ensureIndexesOnce() {
        if (!indexesEnsured) {
            ensureIndexes();
        }
    }

    /** The highest index handed out so far (0 when none): the head of the stream, for lag figures. */
    public long headIndex() {
        BsonDocument counter = counters.find(Filters.eq(ID, COUNTER_ID)).first();
        return counter == null ? 0L : counter.getNumber(HEAD).longValue();
    }

    /**
     * Marks the indexes this engine's index pool took ahead and has not used as skipped, at once (see
     * {@link Builder#indexPool}); nothing without a pool. Call it when the node stops: otherwise a surplus left at
     * that moment is marked by the background thread after its max age, or, if the process is gone by then, passed
     * by readers only after the gap timeout. Appends after it work as usual.
     */
    public void releaseIndexPool() {
        if (indexPool != null) {
            indexPool.releaseNow();
        }
    }

    /** A range of indexes taken from the counter, with the server's time of taking it. */
    record Reservation(long first, long last, Instant reservedAt) {}

    /**
     * Queues an append for the next commit group and waits until that group is committed. Appends that arrive while
     * another thread of this engine is waiting for the counter queue up; the next thread to reach the counter (the
     * leader) takes one contiguous range for every queued append with a single update, steps down (so that the next
     * group can take the counter meanwhile), inserts the documents of its whole group with one unordered
     * {@code insertMany}, and hands each append its own outcome (see {@link #commitGroup}).
     */
    private void joinGroup(PendingAppend mine) {
        boolean interrupted = false;
        boolean lead = false;
        synchronized (reservationQueue) {
            reservationQueue.addLast(mine);
            while (!mine.done && (reservationLeaderActive || mine.taken)) {
                try {
                    reservationQueue.wait();
                } catch (InterruptedException e) {
                    // keep waiting: once queued, this append's indexes may be taken at any moment, and walking
                    // away from them would leave a gap that readers wait on
                    interrupted = true;
                }
            }
            if (!mine.done) {
                reservationLeaderActive = true;
                lead = true;
            }
        }
        if (lead) {
            serveQueue();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes one range for every queued append (this thread's included), steps down, and commits the group. */
    private void serveQueue() {
        List<PendingAppend> group;
        synchronized (reservationQueue) {
            group = new ArrayList<>(reservationQueue);
            reservationQueue.clear();
            group.forEach(pending -> pending.taken = true);
        }
        RuntimeException failure = null;
        Reservation range = null;
        try {
            long total = 0;
            for (PendingAppend pending : group) {
                total += pending.documents.size();
            }
            range = indexPool != null ? indexPool.reserve(Math.toIntExact(total)) : takeIndexes(Math.toIntExact(total));
        } catch (RuntimeException | Error e) {
            failure = asRuntime(e);
        }
        synchronized (reservationQueue) {
            if (failure != null) {
                for (PendingAppend pending : group) {
                    pending.failure = failure;
                    pending.done = true;
                }
            }
            reservationLeaderActive = false;
            reservationQueue.notifyAll();
        }
        if (failure != null) {
            return;
        }
        try {
            commitGroup(group, range);
        } catch (RuntimeException | Error e) {
            RuntimeException unexpected = asRuntime(e);
            for (PendingAppend pending : group) {
                if (!pending.failed()) {
                    pending.failure = unexpected;
                }
            }
        } finally {
            if (indexPool != null) {
                indexPool.finished();
            }
            synchronized (reservationQueue) {
                group.forEach(pending -> pending.done = true);
                reservationQueue.notifyAll();
            }
        }
    }

    private static RuntimeException asRuntime(Throwable e) {
        return e instanceof RuntimeException runtime
                ? runtime
                : new EventStoreException("Could not commit the append", e);
    }

    /** One append: its messages and serialized documents, and its outcome. Guarded by the queue's monitor. */
    private static final class PendingAppend {
        final List<? extends EventMessage<?>> messages;
        final List<BsonDocument> documents;
        /** Position of this append's first document in its group's insert. */
        int offset;

        RuntimeException failure;
        boolean taken;
        boolean done;

        PendingAppend(List<? extends EventMessage<?>> messages, List<BsonDocument> documents) {
            this.messages = messages;
            this.documents = documents;
        }

        boolean failed() {
            return failure != null;
        }
    }

    /**
     * Takes {@code count} indexes with one counter update. The pre-image of the counter is asked for, not the
     * post-image: mongo-java-server answers a post-image from its live document outside its lock, so two concurrent
     * {@code $inc}s could read the same value there; the pre-image is a copy on every server. The reservation time
     * is the server's clock (a measured offset to the local one, no round trip) read after the counter answered, so
     * it is never earlier than the true one. Tests override it to watch or slow down the counter.
     */
    Reservation takeIndexes(int count) {
        for (int attempt = 0; ; attempt++) {
            try {
                BsonDocument before = standalone
                        ? findAndModifyCounter(count)
                        : counters.findOneAndUpdate(
                                Filters.eq(ID, COUNTER_ID),
                                Updates.combine(Updates.inc(HEAD, (long) count), Updates.currentDate(RESERVED_AT)),
                                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
                long previous = before == null || !before.containsKey(HEAD)
                        ? 0L
                        : before.getNumber(HEAD).longValue();
                return new Reservation(previous + 1, previous + count, serverNow());
            } catch (MongoCommandException | MongoWriteException e) {
                // two first-ever upserts racing: one of them sees a duplicate _id; the counter exists now
                if (attempt < 3 && e.getCode() == DUPLICATE_KEY) {
                    continue;
                }
                throw e;
            }
        }
    }

    /**
     * The counter update as a plain {@code findAndModify} command: the same update, upsert and pre-image as
     * {@code findOneAndUpdate}, at about two thirds of the driver's cost per call (it skips building a result codec
     * per call). Used only on a standalone server, where the driver could not retry the write anyway; on a replica
     * set or behind mongos the engine keeps {@code findOneAndUpdate}, which the driver's retryable writes cover.
     */
    private BsonDocument findAndModifyCounter(int count) {
        BsonDocument command = new BsonDocument(
                        "findAndModify", new BsonString(counters.getNamespace().getCollectionName()))
                .append("query", new BsonDocument(ID, new BsonString(COUNTER_ID)))
                .append(
                        "update",
                        new BsonDocument("$inc", new BsonDocument(HEAD, new BsonInt64(count)))
                                .append("$currentDate", new BsonDocument(RESERVED_AT, org.bson.BsonBoolean.TRUE)))
                .append("upsert", org.bson.BsonBoolean.TRUE)
                .append("new", org.bson.BsonBoolean.FALSE);
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

    private record Head(long index, Instant reservedAt) {}

    private Head readHead() {
        BsonDocument counter = counters.find(Filters.eq(ID, COUNTER_ID)).first();
        if (counter == null) {
            return new Head(0L, null);
        }
        long head = counter.getNumber(HEAD).longValue();
        observeHead(head);
        return new Head(head, counter.containsKey(RESERVED_AT) ? dateOf(counter.get(RESERVED_AT)) : null);
    }

    // ---------------------------------------------------------------- appending

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        ensureIndexesOnce();
        // serialize first: a serialization failure must not take indexes
        List<BsonDocument> documents = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            documents.add(eventDocument(event, serializer));
        }
        PendingAppend mine = new PendingAppend(events, documents);
        if (groupCommit) {
            joinGroup(mine);
        } else {
            commitGroup(List.of(mine), takeIndexes(documents.size()));
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /**
     * Gives every append of the group its indexes from the range, inserts all their documents with one unordered
     * {@code insertMany}, and sets each append's outcome. A write error fails only the append whose document it hit:
     * that append's unwritten indexes are marked skipped and its written documents are replaced by skip markers, so
     * that it leaves nothing behind (readers deliver an append only when all its indexes hold events, so they never
     * see part of it meanwhile). Any other failure of the insert fails every append of the group, and their indexes
     * are gaps that readers judge by the gap timeout.
     */
    private void commitGroup(List<PendingAppend> group, Reservation range) {
        BsonDateTime reservedAt = new BsonDateTime(range.reservedAt().toEpochMilli());
        List<BsonDocument> all = new ArrayList<>(Math.toIntExact(range.last() - range.first() + 1));
        long next = range.first();
        for (PendingAppend pending : group) {
            pending.offset = all.size();
            int size = pending.documents.size();
            long last = next + size - 1;
            for (int i = 0; i < size; i++) {
                // _id first, so that the stored documents read well
                BsonDocument withId = new BsonDocument(ID, new BsonInt64(next + i));
                withId.putAll(pending.documents.get(i));
                withId.put(RESERVED_AT, reservedAt);
                if (size > 1) {
                    withId.put(APPEND_FIRST, new BsonInt64(next));
                    withId.put(APPEND_LAST, new BsonInt64(last));
                }
                all.add(withId);
            }
            next = last + 1;
        }
        try {
            insertEventDocuments(all);
        } catch (MongoBulkWriteException e) {
            handleRejectedDocuments(e, group, all);
        } catch (RuntimeException e) {
            // no answer per document (e.g. the connection broke): each append may or may not be stored in part;
            // readers judge its missing indexes by the gap timeout and then drop what was written of it
            group.forEach(pending -> pending.failure = e);
        }
    }

    /**
     * Inserts the documents of one commit group (one append, or several that took their indexes together), unordered,
     * in one {@code insertMany}. Tests override it to hold a commit back or to make it fail after the indexes were
     * taken.
     */
    protected void insertEventDocuments(List<BsonDocument> documents) {
        events.insertMany(documents, new InsertManyOptions().ordered(false));
    }

    private void handleRejectedDocuments(MongoBulkWriteException e, List<PendingAppend> group, List<BsonDocument> all) {
        Map<Integer, BulkWriteError> errors = new HashMap<>();
        for (BulkWriteError error : e.getWriteErrors()) {
            errors.put(error.getIndex(), error);
        }
        List<Long> unwritten = new ArrayList<>();
        List<Long> written = new ArrayList<>();
        for (PendingAppend pending : group) {
            int size = pending.documents.size();
            BulkWriteError first = null;
            int failedAt = -1;
            List<Integer> duplicates = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                BulkWriteError error = errors.get(pending.offset + i);
                if (error != null) {
                    if (first == null) {
                        first = error;
                        failedAt = i;
                    }
                    if (ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                        duplicates.add(i);
                    }
                }
            }
            if (first == null) {
                if (e.getWriteConcernError() != null) {
                    pending.failure = new EventStoreException(
                            "The server did not confirm the write concern for the append; its events may be stored", e);
                }
                continue;
            }
            // classify before tidying: the lookups must see the group as the insert left it
            try {
                pending.failure = rejection(e, pending, all, failedAt, first, duplicates);
            } catch (MongoException lookupFailed) {
                e.addSuppressed(lookupFailed);
                pending.failure = new EventStoreException(
                        "Event [" + pending.messages.get(failedAt).getIdentifier() + "] was not stored ("
                                + first.getMessage() + "), and no event of its append was",
                        e);
            }
            for (int i = 0; i < size; i++) {
                long index = all.get(pending.offset + i).getInt64(ID).getValue();
                (errors.containsKey(pending.offset + i) ? unwritten : written).add(index);
            }
        }
        // mark the unwritten indexes (readers then know these appends failed and never wait for them), and replace
        // what was written of the failed appends by skip markers, so that no part of them remains as events
        tidyFailedAppends(unwritten, written);
    }

    private RuntimeException rejection(
            MongoBulkWriteException e,
            PendingAppend pending,
            List<BsonDocument> all,
            int failedAt,
            BulkWriteError first,
            List<Integer> duplicates) {
        String nothing = pending.documents.size() == 1 ? "" : " (no event of this append was stored)";
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
                return new ConcurrencyException(what + nothing, e);
            }
        }
        BsonDocument document = all.get(pending.offset + failedAt);
        EventMessage<?> message = pending.messages.get(failedAt);
        if (ErrorCategory.fromErrorCode(first.getCode()) == ErrorCategory.DUPLICATE_KEY) {
            BsonDocument atIndex = events.find(Filters.eq(ID, document.get(ID))).first();
            if (atIndex != null
                    && atIndex.getBoolean(SKIPPED, org.bson.BsonBoolean.FALSE).getValue()) {
                return new EventStoreException(
                        "The append took longer than the gap timeout (" + gapTimeoutMillis
                                + " ms) between taking index "
                                + document.get(ID).asInt64().getValue()
                                + " and writing it; readers have skipped that index, so the event was not stored"
                                + nothing,
                        e);
            }
            return new EventStoreException(
                    "Event [" + message.getIdentifier() + "] at index "
                            + document.get(ID).asNumber().longValue() + " was not stored: " + first.getMessage()
                            + nothing,
                    e);
        }
        try {
            handlePersistenceException(e, message);
            return new EventStoreException("Event [" + message.getIdentifier() + "] was not stored" + nothing, e);
        } catch (RuntimeException resolved) {
            return resolved;
        }
    }

    /**
     * Inserts skip markers at the unwritten indexes and replaces the written documents (of failed appends) by skip
     * markers, in one unordered bulk write. Duplicates among the markers mean a reader marked the index first.
     */
    private void tidyFailedAppends(List<Long> unwritten, List<Long> written) {
        if (unwritten.isEmpty() && written.isEmpty()) {
            return;
        }
        Instant now = serverNow();
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

    private BsonDocument eventDocument(EventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = serializer.serialize(event.getPayload(), String.class);
        SerializedObject<String> metaData = serializer.serialize(event.getMetaData(), String.class);
        BsonDocument document = new BsonDocument();
        document.put(EVENT_ID, new BsonString(event.getIdentifier()));
        if (event instanceof DomainEventMessage<?> domainEvent) {
            document.put(
                    AGGREGATE_KEY,
                    new BsonString(
                            aggregateKey(domainEvent.getAggregateIdentifier(), domainEvent.getSequenceNumber())));
            document.put(AGGREGATE_ID, new BsonString(domainEvent.getAggregateIdentifier()));
            if (domainEvent.getType() != null) {
                document.put(AGGREGATE_TYPE, new BsonString(domainEvent.getType()));
            }
            document.put(SEQUENCE_NUMBER, new BsonInt64(domainEvent.getSequenceNumber()));
        }
        putSerialized(document, event.getTimestamp(), payload, metaData);
        return document;
    }

    private static void putSerialized(
            BsonDocument document,
            Instant timestamp,
            SerializedObject<String> payload,
            SerializedObject<String> metaData) {
        document.put(TIMESTAMP, new BsonDateTime(timestamp.toEpochMilli()));
        document.put(PAYLOAD_TYPE, new BsonString(payload.getType().getName()));
        if (payload.getType().getRevision() != null) {
            document.put(PAYLOAD_REVISION, new BsonString(payload.getType().getRevision()));
        }
        document.put(PAYLOAD, toStored(payload.getData()));
        document.put(META_DATA, toStored(metaData.getData()));
    }

    private static BsonValue toStored(String serialized) {
        BsonDocument asDocument = JsonBson.parseObject(serialized);
        return asDocument != null ? asDocument : new BsonString(serialized);
    }

    /** The unique key of an aggregate's event: the identifier, {@code #}, and the 19-digit sequence number. */
    public static String aggregateKey(String aggregateIdentifier, long sequenceNumber) {
        String digits = Long.toString(sequenceNumber);
        StringBuilder key = new StringBuilder(aggregateIdentifier.length() + 20).append(aggregateIdentifier);
        key.append('#');
        for (int i = digits.length(); i < 19; i++) {
            key.append('0');
        }
        return key.append(digits).toString();
    }

    // ---------------------------------------------------------------- snapshots

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        ensureIndexesOnce();
        String aggregateId = snapshot.getAggregateIdentifier();
        long sequenceNumber = snapshot.getSequenceNumber();
        BsonDocument document = new BsonDocument(ID, new BsonString(aggregateId));
        document.put(SNAPSHOT_KEY, new BsonString(aggregateKey(aggregateId, sequenceNumber)));
        document.put(AGGREGATE_ID, new BsonString(aggregateId));
        if (snapshot.getType() != null) {
            document.put(AGGREGATE_TYPE, new BsonString(snapshot.getType()));
        }
        document.put(SEQUENCE_NUMBER, new BsonInt64(sequenceNumber));
        document.put(EVENT_ID, new BsonString(snapshot.getIdentifier()));
        putSerialized(
                document,
                snapshot.getTimestamp(),
                serializer.serialize(snapshot.getPayload(), String.class),
                serializer.serialize(snapshot.getMetaData(), String.class));
        for (int attempt = 0; attempt < 10; attempt++) {
            BsonDocument current = snapshots.find(Filters.eq(ID, aggregateId)).first();
            if (current == null) {
                try {
                    snapshots.insertOne(document);
                    return;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw new EventStoreException("Could not store the snapshot of " + aggregateId, e);
                    }
                    continue; // someone stored one at the same time: compare again
                }
            }
            if (current.getNumber(SEQUENCE_NUMBER).longValue() >= sequenceNumber) {
                return; // the stored snapshot is as new or newer
            }
            // compare-and-set on the unique snapshot key, so that an older snapshot never replaces a newer one
            long matched = snapshots
                    .replaceOne(
                            Filters.eq(
                                    SNAPSHOT_KEY,
                                    current.getString(SNAPSHOT_KEY).getValue()),
                            document)
                    .getMatchedCount();
            if (matched == 1) {
                return;
            }
        }
        logger.warn("Gave up storing a snapshot of {} at {} after repeated races", aggregateId, sequenceNumber);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        BsonDocument snapshot =
                snapshots.find(Filters.eq(ID, aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(domainEventData(snapshot));
    }

    // ---------------------------------------------------------------- aggregates

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(
            String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        List<String> keys = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            keys.add(aggregateKey(aggregateIdentifier, firstSequenceNumber + i));
        }
        Map<Long, BsonDocument> bySequence = new HashMap<>();
        Map<Long, BsonDocument> byIndex = new HashMap<>();
        for (BsonDocument document : events.find(Filters.in(AGGREGATE_KEY, keys))) {
            bySequence.put(document.getNumber(SEQUENCE_NUMBER).longValue(), document);
            byIndex.put(document.get(ID).asNumber().longValue(), document);
        }
        dropPartialAppends(bySequence, byIndex);
        List<DomainEventData<?>> result = new ArrayList<>(bySequence.size());
        for (long sequence = firstSequenceNumber; ; sequence++) {
            BsonDocument document = bySequence.get(sequence);
            if (document == null) {
                return result; // the stream is contiguous; a hole means the end
            }
            result.add(domainEventData(document));
        }
    }

    /**
     * Removes from {@code bySequence} the events of multi-event appends that are not whole: in flight (an index of the
     * append is not written yet) or failed (one is a skip marker; their written events are then replaced by markers).
     * The rest of an append that reaches beyond the loaded events (other aggregates, the next batch) is looked up by
     * {@code _id} (see {@link #findByIds}).
     */
    private void dropPartialAppends(Map<Long, BsonDocument> bySequence, Map<Long, BsonDocument> byIndex) {
        List<Long> rest = restOfAppends(byIndex.values(), byIndex.keySet());
        Map<Long, BsonDocument> status = new HashMap<>(byIndex);
        if (!rest.isEmpty()) {
            for (BsonDocument document : findByIds(rest, new Document(ID, 1).append(SKIPPED, 1))) {
                status.put(document.get(ID).asNumber().longValue(), document);
            }
        }
        Map<Long, Boolean> whole = new HashMap<>();
        bySequence.values().removeIf(document -> {
            if (!document.containsKey(APPEND_FIRST)) {
                return false;
            }
            long first = document.getInt64(APPEND_FIRST).getValue();
            long last = document.getInt64(APPEND_LAST).getValue();
            return !whole.computeIfAbsent(first, f -> {
                boolean missing = false;
                for (long k = first; k <= last; k++) {
                    BsonDocument other = status.get(k);
                    if (other == null) {
                        missing = true;
                    } else if (other.containsKey(SKIPPED)) {
                        dropFailedAppend(first, last, status);
                        return false;
                    }
                }
                return !missing;
            });
        });
    }

    /**
     * Probes keys instead of scanning: one {@code $in} over the sequence numbers 0, 1, 3, 7, ... 2^62-1 finds the
     * power of two below the head, then {@code $in} rounds of up to 64 evenly spread keys narrow it down (for an
     * aggregate with n events: 1 + ceil(log64 n) lookups).
     */
    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
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
            low = newLow;
            high = newHigh;
        }
        return Optional.of(low);
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

    // ---------------------------------------------------------------- tokens

    /** The position before the first index (indexes start at 1): a reader from here sees every event. */
    @Override
    public TrackingToken createTailToken() {
        return GapAwareTrackingToken.newInstance(0L, List.of());
    }

    /**
     * The current head of the counter. Indexes in the last batch below it that are not written yet (appends in
     * flight) become gaps of the token, so that a reader starting here still gets them.
     */
    @Override
    public TrackingToken createHeadToken() {
        ensureIndexesOnce();
        long head = readHead().index();
        if (head == 0) {
            return createTailToken();
        }
        List<Long> window = new ArrayList<>();
        for (long index = Math.max(1, head - batchSize() + 1); index <= head; index++) {
            window.add(index);
        }
        Set<Long> present = new HashSet<>();
        for (BsonDocument document : events.find(Filters.in(ID, window)).projection(new Document(ID, 1))) {
            present.add(document.get(ID).asNumber().longValue());
        }
        List<Long> gaps = window.stream().filter(i -> !present.contains(i)).toList();
        return GapAwareTrackingToken.newInstance(head, gaps);
    }

    /**
     * The position just before the first event whose {@code reservedAt} (the server's time when its index was taken)
     * is at or after {@code dateTime}; the head token when there is none. A binary search over the index: about
     * log2(head) lookups of 16 keys each, whatever the size of the store.
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        ensureIndexesOnce();
        long head = readHead().index();
        long low = 1; // candidate range [low, high] for the first index reserved at or after dateTime
        long high = head + 1; // head + 1 stands for "none"
        while (low < high) {
            long middle = low + (high - low) / 2;
            BsonDocument probe = firstEventAtOrAfter(middle, high - 1);
            if (probe == null) {
                high = middle; // nothing readable in [middle, high): the answer is below middle or none
                continue;
            }
            long index = probe.get(ID).asNumber().longValue();
            if (dateOf(probe.get(RESERVED_AT)).isBefore(dateTime)) {
                low = index + 1;
            } else {
                high = index;
                if (index == middle) {
                    continue;
                }
                // everything in [middle, index) is missing or skipped: the answer is below middle, or index
                BsonDocument below = middle > low ? firstEventAtOrAfter(low, middle - 1) : null;
                if (below == null) {
                    low = index;
                    high = index;
                }
            }
        }
        if (low > head) {
            return createHeadToken();
        }
        return GapAwareTrackingToken.newInstance(low - 1, List.of());
    }

    /** The stored event with the lowest index in [from, to], looking at 16 indexes per lookup; null when none. */
    private BsonDocument firstEventAtOrAfter(long from, long to) {
        for (long start = from; start <= to; start += 16) {
            List<Long> keys = new ArrayList<>(16);
            for (long index = start; index <= Math.min(to, start + 15); index++) {
                keys.add(index);
            }
            BsonDocument best = null;
            for (BsonDocument document : events.find(Filters.in(ID, keys))
                    .projection(new Document(ID, 1).append(RESERVED_AT, 1).append(SKIPPED, 1))) {
                if (document.containsKey(SKIPPED)) {
                    continue;
                }
                if (best == null
                        || document.get(ID).asNumber().longValue()
                                < best.get(ID).asNumber().longValue()) {
                    best = document;
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- tracking

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("Token [" + lastToken + "] is of the wrong type; expected a "
                    + GapAwareTrackingToken.class.getSimpleName());
        }
        ensureIndexesOnce();
        GapAwareTrackingToken token = (GapAwareTrackingToken) lastToken;
        long cursor = token == null ? 0L : token.getIndex();
        TreeSet<Long> gaps = token == null ? new TreeSet<>() : new TreeSet<>(token.getGaps());
        if (gaps.size() > gapCleaningThreshold) {
            cleanGaps(gaps);
        }
        List<TrackedEventData<?>> result = new ArrayList<>();
        ReadContext context = new ReadContext();
        window:
        while (result.size() < batchSize) {
            TreeSet<Long> keys = new TreeSet<>(gaps);
            for (long index = cursor + 1; index <= cursor + batchSize; index++) {
                keys.add(index);
            }
            Map<Long, BsonDocument> found = new HashMap<>();
            for (BsonDocument document : events.find(Filters.in(ID, new ArrayList<>(keys)))) {
                found.put(document.get(ID).asNumber().longValue(), document);
            }
            // an append is delivered whole or not at all: read the rest of every append that reaches beyond the window
            List<Long> beyond = restOfAppends(found.values(), keys);
            if (!beyond.isEmpty()) {
                for (BsonDocument document : findByIds(beyond, null)) {
                    found.put(document.get(ID).asNumber().longValue(), document);
                }
                for (long index : beyond) {
                    if (index > cursor) {
                        keys.add(index);
                    }
                }
            }
            // latestAbove[k]: the smallest reservedAt of any event stored above k (bounds when k was reserved)
            Map<Long, Instant> earliestAbove = earliestReservedAbove(keys, found);
            Set<Long> judgedWhole = new HashSet<>(); // first indexes of appends found whole in this window
            List<Long> ordered = new ArrayList<>(keys);
            for (int i = 0; i < ordered.size(); i++) {
                long index = ordered.get(i);
                BsonDocument document = found.get(index);
                if (document != null
                        && !document.containsKey(SKIPPED)
                        && document.containsKey(APPEND_FIRST)
                        && !judgedWhole.contains(document.getInt64(APPEND_FIRST).getValue())) {
                    // part of a multi-event append: deliver it only when every index of the append holds an event
                    long first = document.getInt64(APPEND_FIRST).getValue();
                    long last = document.getInt64(APPEND_LAST).getValue();
                    List<Long> missing = new ArrayList<>();
                    boolean failed = false;
                    for (long k = first; k <= last && !failed; k++) {
                        BsonDocument other = found.get(k);
                        if (other == null) {
                            missing.add(k);
                        } else {
                            failed = other.containsKey(SKIPPED);
                        }
                    }
                    if (!failed && !missing.isEmpty()) {
                        // in flight, or its writer died: hold back until the rest is written or has expired
                        if (context.head == null) {
                            context.head = readHead();
                        }
                        Instant reservedAt = dateOf(document.get(RESERVED_AT)); // the same for the whole append
                        for (long k : missing) {
                            if (!isExpired(k, reservedAt, context)) {
                                break window;
                            }
                        }
                        if (!markSkipped(missing)) {
                            continue window; // written meanwhile: look again
                        }
                        missing.forEach(k -> found.put(k, skipMarker(k, Instant.EPOCH)));
                        failed = true;
                    }
                    if (failed) {
                        // the append failed: none of it is delivered, and what was written of it is replaced
                        dropFailedAppend(first, last, found);
                        document = found.get(index);
                    } else {
                        judgedWhole.add(first);
                    }
                }
                if (document != null) {
                    if (gaps.remove(index)) {
                        // a gap of the token is filled: the index stays where it is
                    } else {
                        cursor = index;
                    }
                    if (!document.containsKey(SKIPPED)) {
                        GapAwareTrackingToken next = GapAwareTrackingToken.newInstance(cursor, gaps);
                        result.add(new TrackedDomainEventData<>(next, domainEventData(document)));
                    }
                    continue;
                }
                // missing: not yet handed out, in flight, or abandoned
                if (context.head == null) {
                    context.head = readHead();
                }
                if (index > context.head.index()) {
                    break window; // the end of the stream
                }
                if (!isExpired(index, earliestAbove.get(index), context)) {
                    break window; // in flight: hold back, to deliver in index order
                }
                // this index and every missing one after it in this window that is expired too: mark them skipped
                List<Long> expired = new ArrayList<>();
                int j = i;
                while (j < ordered.size()) {
                    long candidate = ordered.get(j);
                    if (found.containsKey(candidate) || candidate > context.head.index()) {
                        break;
                    }
                    if (!isExpired(candidate, earliestAbove.get(candidate), context)) {
                        break;
                    }
                    expired.add(candidate);
                    j++;
                }
                if (!markSkipped(expired)) {
                    continue window; // one of them was written after all: look again
                }
                for (long skipped : expired) {
                    found.put(skipped, skipMarker(skipped, Instant.EPOCH));
                    if (!gaps.remove(skipped)) {
                        cursor = skipped;
                    }
                }
                i = j - 1;
            }
        }
        return result;
    }

    /**
     * The events (or markers) with the given indexes, found with {@code $in}s on {@code _id} of at most
     * {@value #MAX_IDS_PER_LOOKUP} ids each; {@code projection} may be null. Used for the rest of large appends, which
     * may hold thousands of indexes. mongo-java-server checks every document its index found against the whole
     * {@code $in} list, so a lookup of n ids costs it time in n squared: the rest of a 1,000-event append in one
     * {@code $in} took two thirds of its time. Lookups of a tracking window's size keep that cost per document as low
     * as the window's own lookup, for a few more round trips on a real MongoDB.
     */
    private List<BsonDocument> findByIds(List<Long> ids, Document projection) {
        List<BsonDocument> found = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_LOOKUP) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_LOOKUP));
            events.find(Filters.in(ID, chunk)).projection(projection).into(found);
        }
        return found;
    }

    /**
     * The indexes of the multi-event appends among {@code documents} that are not in {@code known}: what must be read
     * too before those appends can be judged whole.
     */
    private static List<Long> restOfAppends(Collection<BsonDocument> documents, Set<Long> known) {
        List<Long> rest = new ArrayList<>();
        Set<Long> appends = new HashSet<>();
        for (BsonDocument document : documents) {
            if (document.containsKey(APPEND_FIRST)
                    && !document.containsKey(SKIPPED)
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
     * Replaces the written events of a failed append (one of its indexes is a skip marker) by skip markers, in the
     * store and in {@code found}. Its writer does that itself when it sees the failure; this covers a writer that
     * died before it could.
     */
    private void dropFailedAppend(long first, long last, Map<Long, BsonDocument> found) {
        List<Long> written = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            BsonDocument document = found.get(k);
            if (document != null && !document.containsKey(SKIPPED)) {
                written.add(k);
                found.put(k, skipMarker(k, Instant.EPOCH));
            }
        }
        tidyFailedAppends(List.of(), written);
    }

    /** Per-fetch state: the counter, read at most once, and evidence gathered beyond the window. */
    private static final class ReadContext {
        Head head;
        final TreeMap<Long, Instant> probed = new TreeMap<>();
        long lastProbeFrom = Long.MIN_VALUE;
    }

    private static Map<Long, Instant> earliestReservedAbove(SortedSet<Long> keys, Map<Long, BsonDocument> found) {
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
     * Whether a missing index (at most the head) is older than the gap timeout. Any one of these is proof:
     *
     * <ol>
     *   <li>an event stored at a higher index, or the counter itself, was reserved (server time) more than the gap
     *       timeout before the server's current time: indexes are handed out in order, so this one is older still;
     *   <li>this engine saw the counter at or above the index more than the gap timeout ago (its own monotonic
     *       clock; needs no clock agreement, but only works for a reader that has been running).
     * </ol>
     */
    private boolean isExpired(long index, Instant earliestAboveInWindow, ReadContext context) {
        Instant bound = earliestAboveInWindow;
        if (bound == null) {
            bound = evidenceBeyond(index, context);
        }
        Instant counterTime = context.head.reservedAt();
        if (counterTime != null && (bound == null || counterTime.isBefore(bound))) {
            bound = counterTime;
        }
        if (bound != null && bound.plusMillis(gapTimeoutMillis).isBefore(serverNow())) {
            return true;
        }
        Long seenAt = firstSeenHeadCovering(index);
        return seenAt != null && System.nanoTime() - seenAt >= gapTimeoutNanos;
    }

    /**
     * When nothing above a missing index is stored inside the window, probes a few indexes further up
     * (index + 2^k * batch, one {@code $in}) for an event whose reservation time bounds the missing one.
     */
    private Instant evidenceBeyond(long index, ReadContext context) {
        Instant earliest = earliestProbedAbove(index, context);
        if (earliest == null
                && (context.lastProbeFrom == Long.MIN_VALUE || index >= context.lastProbeFrom + batchSize())) {
            context.lastProbeFrom = index;
            List<Long> probes = new ArrayList<>();
            long step = Math.max(1, batchSize());
            for (long offset = step; index + offset < context.head.index() && probes.size() < 48; offset *= 2) {
                probes.add(index + offset);
            }
            probes.add(context.head.index());
            for (BsonDocument document : events.find(Filters.in(ID, probes)).projection(new Document(RESERVED_AT, 1))) {
                if (document.containsKey(RESERVED_AT)) {
                    context.probed.put(document.get(ID).asNumber().longValue(), dateOf(document.get(RESERVED_AT)));
                }
            }
            earliest = earliestProbedAbove(index, context);
        }
        return earliest;
    }

    private static Instant earliestProbedAbove(long index, ReadContext context) {
        Instant earliest = null;
        for (Instant reservedAt : context.probed.tailMap(index, false).values()) {
            earliest = earliest == null || reservedAt.isBefore(earliest) ? reservedAt : earliest;
        }
        return earliest;
    }

    /**
     * Writes skip markers for the given missing indexes. Answers false when one of them was written meanwhile (its
     * insert met the event): the caller looks again and delivers it.
     */
    private boolean markSkipped(List<Long> indexes) {
        if (indexes.isEmpty()) {
            return true;
        }
        boolean stored = insertSkipMarkers(indexes);
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
    private void releaseUnused(long first, long last) {
        List<Long> indexes = new ArrayList<>(Math.toIntExact(last - first + 1));
        for (long index = first; index <= last; index++) {
            indexes.add(index);
        }
        insertSkipMarkers(indexes);
    }

    /** Inserts skip markers, unordered; false when some index was taken already (duplicate key), true otherwise. */
    private boolean insertSkipMarkers(List<Long> indexes) {
        Instant now = serverNow();
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

    private static BsonDocument skipMarker(long index, Instant now) {
        BsonDocument marker = new BsonDocument(ID, new BsonInt64(index));
        marker.put(SKIPPED, org.bson.BsonBoolean.TRUE);
        marker.put(SKIPPED_AT, new BsonDateTime(now.toEpochMilli()));
        return marker;
    }

    /**
     * Resolves the gaps of a token that carries many: gaps that are marked skipped, or missing and expired, are
     * dropped (the latter marked skipped first). Written gaps stay, to be delivered by the next fetch.
     */
    private void cleanGaps(TreeSet<Long> gaps) {
        List<Long> all = new ArrayList<>(gaps);
        ReadContext context = new ReadContext();
        context.head = readHead();
        for (int from = 0; from < all.size(); from += 1000) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 1000));
            Map<Long, BsonDocument> found = new HashMap<>();
            for (BsonDocument document :
                    events.find(Filters.in(ID, chunk)).projection(new Document(SKIPPED, 1).append(RESERVED_AT, 1))) {
                found.put(document.get(ID).asNumber().longValue(), document);
            }
            List<Long> expired = new ArrayList<>();
            for (long gap : chunk) {
                BsonDocument document = found.get(gap);
                if (document != null) {
                    if (document.containsKey(SKIPPED)) {
                        gaps.remove(gap);
                    }
                } else if (isExpired(gap, null, context)) {
                    expired.add(gap);
                }
            }
            if (markSkipped(expired)) {
                expired.forEach(gaps::remove);
            }
        }
    }

    // ---------------------------------------------------------------- local evidence

    private void observeHead(long head) {
        long now = System.nanoTime();
        synchronized (headObservations) {
            long[] last = headObservations.peekLast();
            if (last != null && last[0] >= head) {
                return;
            }
            // keep the older observation when it is recent: costs at most gapTimeout/16 of extra waiting
            if (last != null && now - last[1] < gapTimeoutNanos / 16) {
                return;
            }
            headObservations.addLast(new long[] {head, now});
            while (headObservations.size() > MAX_HEAD_OBSERVATIONS) {
                headObservations.pollFirst();
            }
        }
    }

    /** When this engine first saw the counter at or above the index; null when it never did. */
    private Long firstSeenHeadCovering(long index) {
        synchronized (headObservations) {
            for (long[] observation : headObservations) {
                if (observation[0] >= index) {
                    return observation[1];
                }
            }
            return null;
        }
    }

    /**
     * The server's current time, estimated from a cached offset to the local clock: no round trip. The offset is
     * measured on first use and then refreshed lazily every 10 s by one thread at a time; the others keep using
     * the previous offset meanwhile.
     */
    Instant serverNow() {
        long nanos = System.nanoTime();
        long measuredAt = serverOffsetMeasuredAt;
        if (measuredAt == Long.MIN_VALUE) {
            synchronized (serverOffsetLock) {
                if (serverOffsetMeasuredAt == Long.MIN_VALUE) {
                    measureServerOffset();
                    serverOffsetMeasuredAt = nanos;
                }
            }
        } else if (nanos - measuredAt > CLOCK_REFRESH_NANOS && measuringServerOffset.compareAndSet(false, true)) {
            try {
                measureServerOffset();
                serverOffsetMeasuredAt = nanos;
            } catch (MongoException e) {
                logger.debug("Could not refresh the server's clock offset; keeping the previous one", e);
            } finally {
                measuringServerOffset.set(false);
            }
        }
        return Instant.ofEpochMilli(System.currentTimeMillis() + serverOffsetMillis);
    }

    private void measureServerOffset() {
        long before = System.currentTimeMillis();
        Document reply;
        // isMaster first: mongo-java-server knows only that one (and logs an error for hello); MongoDB knows both,
        // and answers hello where isMaster is refused (Stable API strict mode)
        if (!isMasterUnsupported) {
            try {
                reply = database.runCommand(new Document("isMaster", 1));
            } catch (MongoCommandException e) {
                isMasterUnsupported = true;
                reply = database.runCommand(new Document("hello", 1));
            }
        } else {
            reply = database.runCommand(new Document("hello", 1));
        }
        long after = System.currentTimeMillis();
        // a replica set member names its set; mongos says isdbgrid; a standalone server does neither
        standalone = !reply.containsKey("setName") && !"isdbgrid".equals(reply.get("msg"));
        Object localTime = reply.get("localTime");
        if (localTime instanceof Date date) {
            serverOffsetMillis = date.getTime() - (before + after) / 2;
        } else {
            serverOffsetMillis = 0;
            logger.debug("The server does not report its time; using the local clock for gap ages");
        }
    }

    // ---------------------------------------------------------------- reading documents

    private static DomainEventData<?> domainEventData(BsonDocument document) {
        BsonValue aggregateId = document.get(AGGREGATE_ID);
        BsonValue type = document.get(AGGREGATE_TYPE);
        BsonValue sequence = document.get(SEQUENCE_NUMBER);
        BsonValue revision = document.get(PAYLOAD_REVISION);
        return new StoredEventData(
                type == null || type.isNull() ? null : type.asString().getValue(),
                aggregateId == null || aggregateId.isNull()
                        ? null
                        : aggregateId.asString().getValue(),
                sequence == null ? 0L : sequence.asNumber().longValue(),
                document.getString(EVENT_ID).getValue(),
                Instant.ofEpochMilli(document.getDateTime(TIMESTAMP).getValue()),
                new SimpleSerializedType(
                        document.getString(PAYLOAD_TYPE).getValue(),
                        revision == null || revision.isNull()
                                ? null
                                : revision.asString().getValue()),
                document.get(PAYLOAD),
                document.get(META_DATA));
    }

    private static Instant dateOf(BsonValue value) {
        return Instant.ofEpochMilli(value.asDateTime().getValue());
    }

    // ---------------------------------------------------------------- builder

    /**
     * Builds a {@link MongoIndexedEventStorageEngine}. Required: {@link #mongoDatabase(MongoDatabase)}. Defaults:
     * collections {@code events}, {@code snapshots}, {@code event_counters}; {@code batchSize} 100;
     * {@code gapTimeout} 10 s; {@code gapCleaningThreshold} 250; indexes ensured on build.
     */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase mongoDatabase;
        private String eventsCollectionName = "events";
        private String snapshotsCollectionName = "snapshots";
        private String countersCollectionName = "event_counters";
        private Duration gapTimeout = Duration.ofSeconds(10);
        private int gapCleaningThreshold = 250;
        private boolean ensureIndexesOnBuild = true;
        private boolean groupCommit = true;
        private int indexPoolMaxSurplus = 0;
        private Duration indexPoolMaxAge = Duration.ofMillis(20);

        /** The database that holds the three collections. Required. */
        public Builder mongoDatabase(MongoDatabase mongoDatabase) {
            assertNonNull(mongoDatabase, "The MongoDatabase may not be null");
            this.mongoDatabase = mongoDatabase;
            return this;
        }

        /** Name of the events collection; default {@code events}. */
        public Builder eventsCollectionName(String name) {
            assertThat(name, n -> n != null && !n.isBlank(), "The events collection name may not be blank");
            this.eventsCollectionName = name;
            return this;
        }

        /** Name of the snapshots collection; default {@code snapshots}. */
        public Builder snapshotsCollectionName(String name) {
            assertThat(name, n -> n != null && !n.isBlank(), "The snapshots collection name may not be blank");
            this.snapshotsCollectionName = name;
            return this;
        }

        /** Name of the counters collection; default {@code event_counters}. */
        public Builder countersCollectionName(String name) {
            assertThat(name, n -> n != null && !n.isBlank(), "The counters collection name may not be blank");
            this.countersCollectionName = name;
            return this;
        }

        /**
         * How long a reader holds back at an index that was handed out but not written before it skips it for good;
         * default 10 seconds. A writer that is slower than this between taking an index and writing it gets an
         * error instead of a stored event.
         */
        public Builder gapTimeout(Duration gapTimeout) {
            assertThat(
                    gapTimeout,
                    t -> t != null && !t.isNegative() && !t.isZero(),
                    "The gapTimeout must be a positive duration");
            this.gapTimeout = gapTimeout;
            return this;
        }

        /**
         * Number of gaps a token may carry before a fetch resolves them all at once (tokens of this engine carry
         * gaps only when made by {@link #createHeadToken()} while appends were in flight, or when they come from
         * elsewhere); default 250.
         */
        public Builder gapCleaningThreshold(int gapCleaningThreshold) {
            assertThat(gapCleaningThreshold, t -> t > 0, "The gapCleaningThreshold must be positive");
            this.gapCleaningThreshold = gapCleaningThreshold;
            return this;
        }

        /** Whether {@link #build()} creates the indexes (default true); otherwise the first use does. */
        public Builder ensureIndexesOnBuild(boolean ensureIndexesOnBuild) {
            this.ensureIndexesOnBuild = ensureIndexesOnBuild;
            return this;
        }

        /**
         * Whether concurrent appends of this engine share one counter update and one insert (default true): appends
         * that arrive while another one waits for the counter take their indexes together with the next update, and
         * their documents are inserted with one unordered {@code insertMany}; a rejected document still fails only
         * its own append. Off, every append updates the counter and inserts its events itself.
         */
        public Builder groupCommit(boolean groupCommit) {
            this.groupCommit = groupCommit;
            return this;
        }

        /**
         * Indexes taken ahead for back-to-back appends; off by default, so that indexes stay dense (the application
         * turns it on with up to 64, good for 20 ms: see {@link IndexPool}). An append that starts
         * within a millisecond after this engine's previous one finished takes a surplus of indexes with its own,
         * and the next appends use it without a counter update: one round trip each instead of two. What is left
         * of a surplus after {@code maxAge} is marked skipped; readers hold back at it until then, so the price is a
         * tracking delay of at most {@code maxAge} after a burst and skip markers for the indexes never used.
         * {@code maxAge} is capped at a quarter of the gap timeout. {@code maxSurplus} 0 turns it off; it is off
         * without group commit whatever is set here.
         */
        public Builder indexPool(int maxSurplus, Duration maxAge) {
            assertThat(maxSurplus, n -> n >= 0, "The index pool's maxSurplus may not be negative");
            assertThat(
                    maxAge,
                    t -> t != null && !t.isNegative() && !t.isZero(),
                    "The index pool's maxAge must be positive");
            this.indexPoolMaxSurplus = maxSurplus;
            this.indexPoolMaxAge = maxAge;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder finalAggregateBatchPredicate(
                Predicate<List<? extends DomainEventData<?>>> finalAggregateBatchPredicate) {
            super.finalAggregateBatchPredicate(finalAggregateBatchPredicate);
            return this;
        }

        /** @deprecated use {@link #snapshotFilter(SnapshotFilter)}, as in Axon. */
        @Override
        @Deprecated
        public Builder snapshotFilter(Predicate<? super DomainEventData<?>> snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            super.validate();
            assertNonNull(mongoDatabase, "The MongoDatabase is a hard requirement and should be provided");
            Set<String> names =
                    new HashSet<>(List.of(eventsCollectionName, snapshotsCollectionName, countersCollectionName));
            assertThat(names, n -> n.size() == 3, "The three collection names must differ");
        }

        /** Validates the settings and builds the engine (creating the indexes unless told not to). */
        public MongoIndexedEventStorageEngine build() {
            validate();
            return new MongoIndexedEventStorageEngine(this);
        }
    }
}
