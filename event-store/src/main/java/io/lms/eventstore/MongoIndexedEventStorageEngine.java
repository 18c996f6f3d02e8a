package io.lms.eventstore;

import static org.axonframework.common.BuilderUtils.assertNonNull;
import static org.axonframework.common.BuilderUtils.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.BsonDocument;

/**
 * An Axon {@link org.axonframework.eventsourcing.eventstore.EventStorageEngine} on MongoDB in which every event has a
 * global index taken from an atomic counter, and every read is an equality or {@code $in} lookup on a unique
 * single-field key. See {@code docs/event-store.md} for the stored layout, the guarantees and the design.
 *
 * <p>This façade only wires the parts and answers Axon: {@link EventLayout} (the stored layout), {@link EventCounter}
 * and {@link IndexPool} (indexes), {@link GroupCommit} and {@link AppendRejections} (appending),
 * {@link AggregateReader} (loading an aggregate), {@link TrackingReader}, {@link GapJudge} and {@link SkipMarkers}
 * (tracking), {@link TokenFactory} (tokens), {@link SnapshotStore} (snapshots), {@link ServerClock} (the server's
 * time). Each states its invariant and its concurrency at its top.
 *
 * <p>Concurrency: thread-safe, as every part is. The only state here is whether the indexes were ensured.
 */
public class MongoIndexedEventStorageEngine extends BatchingEventStorageEngine {

    /** {@code _id} of the counter document in the counters collection. */
    public static final String COUNTER_ID = EventCounter.COUNTER_ID;

    private final MongoCollection<BsonDocument> events;
    private final ServerClock clock;
    private final EventCounter counter;
    private final IndexPool indexPool;
    private final GroupCommit groupCommit;
    private final AggregateReader aggregates;
    private final SnapshotStore snapshotStore;
    private final TokenFactory tokens;
    private final TrackingReader tracking;
    private final int catchUpBatchSize;

    private volatile boolean indexesEnsured;

    /** Creates the engine from a builder; {@link Builder#build()} is the usual way. Subclasses (tests) may call it. */
    protected MongoIndexedEventStorageEngine(Builder builder) {
        super(builder);
        MongoDatabase database = builder.mongoDatabase;
        this.events = database.getCollection(builder.eventsCollectionName, BsonDocument.class);
        MongoCollection<BsonDocument> counters =
                database.getCollection(builder.countersCollectionName, BsonDocument.class);
        long gapTimeoutMillis = builder.gapTimeout.toMillis();
        this.clock = new ServerClock(database);
        HeadObservations observations = new HeadObservations(builder.gapTimeout.toNanos(), System::nanoTime);
        this.counter = new EventCounter(database, counters, clock, observations);
        SkipMarkers markers = new SkipMarkers(events, clock, gapTimeoutMillis);
        int poolSurplus = builder.groupCommit ? builder.indexPoolMaxSurplus : 0; // the pool needs group commit
        this.indexPool = IndexPool.create(
                poolSurplus, builder.indexPoolMaxAge, builder.gapTimeout, this::takeIndexes, markers::releaseUnused);
        AppendRejections rejections =
                new AppendRejections(events, markers, gapTimeoutMillis, builder.persistenceExceptionResolver);
        this.groupCommit = new GroupCommit(
                builder.groupCommit, this::takeIndexes, this::insertEventDocuments, rejections, indexPool);
        WholeAppends wholeAppends = new WholeAppends(events);
        this.aggregates = new AggregateReader(events, wholeAppends, markers);
        this.snapshotStore =
                new SnapshotStore(database.getCollection(builder.snapshotsCollectionName, BsonDocument.class));
        this.tokens = new TokenFactory(events, counter, batchSize());
        GapJudge judge =
                new GapJudge(gapTimeoutMillis, batchSize(), clock::now, observations, GapJudge.probeOf(events));
        this.tracking = new TrackingReader(events, wholeAppends, markers, judge, counter, builder.gapCleaningThreshold);
        this.catchUpBatchSize = builder.catchUpBatchSize;
        if (builder.ensureIndexesOnBuild) {
            ensureIndexes();
        }
    }

    /**
     * A builder with these defaults: collections {@code events}, {@code snapshots}, {@code event_counters}; batch size
     * 100, growing to 1,000 for a stream behind the head; gap timeout 10 seconds; gap cleaning threshold 250; indexes ensured on build. The {@code mongoDatabase} is
     * required; the serializers default to Axon's (XStream) defaults, so set them.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Creates the unique indexes and the counter document when missing. Idempotent, also across nodes. */
    public void ensureIndexes() {
        EventLayout.ensureIndexes(events);
        snapshotStore.ensureIndex();
        counter.ensureExists();
        indexesEnsured = true;
    }

    private void ensureIndexesOnce() {
        if (!indexesEnsured) {
            ensureIndexes();
        }
    }

    /** The highest index handed out so far (0 when none): the head of the stream, for lag figures. */
    public long headIndex() {
        return counter.headIndex();
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

    /** The unique key of an aggregate's event: the identifier, {@code #}, and the 19-digit sequence number. */
    public static String aggregateKey(String aggregateIdentifier, long sequenceNumber) {
        return EventLayout.aggregateKey(aggregateIdentifier, sequenceNumber);
    }

    /** Takes {@code count} indexes with one counter update. Tests override it to watch or slow down the counter. */
    Reservation takeIndexes(int count) {
        return counter.take(count);
    }

    /**
     * Inserts the documents of one commit group, unordered, in one {@code insertMany}. Tests override it to hold a
     * commit back or to make it fail after the indexes were taken.
     */
    protected void insertEventDocuments(List<BsonDocument> documents) {
        events.insertMany(documents, new com.mongodb.client.model.InsertManyOptions().ordered(false));
    }

    /** The server's current time, estimated from a cached offset to the local clock: no round trip. */
    Instant serverNow() {
        return clock.now();
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        ensureIndexesOnce();
        // serialize first: a serialization failure must not take indexes
        List<BsonDocument> documents = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            documents.add(EventLayout.eventDocument(event, serializer));
        }
        PendingAppend mine = new PendingAppend(events, documents);
        groupCommit.commit(mine);
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        ensureIndexesOnce();
        snapshotStore.store(snapshot, serializer);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return snapshotStore.read(aggregateIdentifier);
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(
            String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        return aggregates.fetch(aggregateIdentifier, firstSequenceNumber, batchSize);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return aggregates.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return tokens.tail();
    }

    @Override
    public TrackingToken createHeadToken() {
        ensureIndexesOnce();
        return tokens.head();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        ensureIndexesOnce();
        return tokens.at(dateTime);
    }

    /** Windows that grow while the stream is behind the head ({@link CatchUpWindows}). */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return StreamSupport.stream(
                new CatchUpWindows(trackingToken, batchSize(), catchUpBatchSize, this::fetchTrackedEvents), false);
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("Token [" + lastToken + "] is of the wrong type; expected a "
                    + GapAwareTrackingToken.class.getSimpleName());
        }
        ensureIndexesOnce();
        return tracking.fetch((GapAwareTrackingToken) lastToken, batchSize);
    }

    /**
     * Builds a {@link MongoIndexedEventStorageEngine}. Required: {@link #mongoDatabase(MongoDatabase)}. Defaults:
     * collections {@code events}, {@code snapshots}, {@code event_counters}; {@code batchSize} 100
     * ({@code catchUpBatchSize} 1,000);
     * {@code gapTimeout} 10 s; {@code gapCleaningThreshold} 250; indexes ensured on build.
     */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase mongoDatabase;
        private String eventsCollectionName = "events";
        private String snapshotsCollectionName = "snapshots";
        private String countersCollectionName = "event_counters";
        private Duration gapTimeout = Duration.ofSeconds(10);
        private int gapCleaningThreshold = 250;
        private int catchUpBatchSize = 1_000;
        private boolean ensureIndexesOnBuild = true;
        private boolean groupCommit = true;
        private int indexPoolMaxSurplus = 0;
        private Duration indexPoolMaxAge = Duration.ofMillis(20);
        private PersistenceExceptionResolver persistenceExceptionResolver = new MongoDuplicateKeyResolver();

        /** Starts with the defaults listed on {@link MongoIndexedEventStorageEngine#builder()}. */
        public Builder() {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
        }

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

        /** Number of gaps a token may carry before a fetch resolves them all at once; default 250. */
        public Builder gapCleaningThreshold(int gapCleaningThreshold) {
            assertThat(gapCleaningThreshold, t -> t > 0, "The gapCleaningThreshold must be positive");
            this.gapCleaningThreshold = gapCleaningThreshold;
            return this;
        }

        /**
         * The largest fetch of a tracking stream that is behind the head: its fetches double from {@code batchSize}
         * up to this while they come back full (default 1,000; at most {@code batchSize} turns it off).
         */
        public Builder catchUpBatchSize(int catchUpBatchSize) {
            assertThat(catchUpBatchSize, n -> n > 0, "The catchUpBatchSize must be positive");
            this.catchUpBatchSize = catchUpBatchSize;
            return this;
        }

        /** Whether {@link #build()} creates the indexes (default true); otherwise the first use does. */
        public Builder ensureIndexesOnBuild(boolean ensureIndexesOnBuild) {
            this.ensureIndexesOnBuild = ensureIndexesOnBuild;
            return this;
        }

        /**
         * Whether concurrent appends of this engine share one counter update and one unordered insert (default
         * true; see {@link GroupCommit}); a rejected document still fails only its own append.
         */
        public Builder groupCommit(boolean groupCommit) {
            this.groupCommit = groupCommit;
            return this;
        }

        /**
         * Indexes taken ahead for back-to-back appends (see {@link IndexPool}): one round trip per append instead
         * of two, for a tracking delay of at most {@code maxAge} after a burst and skip markers for surplus never
         * used. Off by default ({@code maxSurplus} 0), and always without group commit; {@code maxAge} is capped at
         * a quarter of the gap timeout. The application turns it on with up to 64, good for 20 ms.
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

        /**
         * Whether a taken aggregate key or event identifier is a {@code ConcurrencyException} (else an
         * {@code EventStoreException}; null: never). The default recognises MongoDB's duplicate keys.
         */
        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            this.persistenceExceptionResolver = persistenceExceptionResolver;
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
