package io.lms.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import io.lms.embedded.EmbeddedMongo;
import io.lms.eventstore.MongoIndexedEventStorageEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

/**
 * Compares {@link MongoIndexedEventStorageEngine} with axon-mongo's stock {@link MongoEventStorageEngine} and with
 * plain driver calls, on the embedded MongoDB wire server, at several store sizes. Prints tables.
 *
 * <p>Arguments (all optional): {@code --sizes 10000,1000000} {@code --backends memory,h2} {@code --h2-max-size
 * 10000} {@code --stock-budget-seconds 60} {@code --appends 2000} {@code --reads 50000} {@code --loads 50}
 * {@code --server-heap 12g} (heap of each embedded server's child JVM) {@code --in-process} (run the servers in this
 * JVM instead). See docs/event-store.md for the rest.
 */
public final class EventStoreBenchmark {

    static {
        // a named file: the embedded server's jar may carry a logback.xml of its own
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "event-store-benchmark-logback.xml");
        }
    }

    private static final int LOAD_AGGREGATES = 100; // 50 without and 50 with a snapshot
    private static final int EVENTS_PER_LOADED_AGGREGATE = 50;
    private static final long SNAPSHOT_AT = 40; // loading with a snapshot reads it and events 41..49
    private static final int FILL_BATCH = 1_000;

    record BenchEvent(String courseId, String userId, long points, Instant at) {}

    record CourseState(String courseId, long version) {}

    record Options(
            List<Integer> sizes,
            List<String> backends,
            int h2MaxSize,
            Duration stockBudget,
            int appends,
            int reads,
            int loads,
            Duration warmUp,
            Duration measure,
            int appendRounds,
            int readRounds,
            boolean appendsOnly,
            boolean inProcess,
            String serverHeap,
            List<String> serverJavaOptions,
            int indexPoolMaxSurplus) {}

    /**
     * A measured value, or how far a time-boxed run got. For cold loads, {@code value} is the mean and {@code median}
     * the median load (NaN for other figures).
     */
    record Figure(double value, boolean timedOut, String unit, double median) {
        static final Figure NONE = new Figure(Double.NaN, false, "");

        Figure(double value, boolean timedOut, String unit) {
            this(value, timedOut, unit, Double.NaN);
        }

        String text() {
            if (Double.isNaN(value)) {
                return "-";
            }
            String number = unit.equals("ms") ? String.format(Locale.ROOT, "%.2f ms", value) : rate(value);
            return timedOut ? "timed out (" + number + " partial)" : number;
        }

        private static String rate(double perSecond) {
            return String.format(Locale.ROOT, "%,.0f /s", perSecond);
        }
    }

    private static final String[] METRICS = {
        "append, 1 thread",
        "append, 8 threads",
        "cold load, 50 events",
        "cold load, snapshot + 9 events",
        "tracking read (from the middle)",
        "full replay into a projection"
    };

    private final Options options;
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(mapper).build();

    private EventStoreBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        System.out.printf(
                Locale.ROOT,
                "Event store benchmark: sizes %s, backends %s (h2 up to %,d), stock engine budget %d s per figure,"
                        + " appends for %d s after %d s of warm-up (or %,d when 0 s) in %d rounds, %,d tracking reads and a replay in %d"
                        + " rounds, %d cold loads; %d cores, max heap %,d MiB%n"
                        + "Servers: %s%n%n",
                options.sizes(),
                options.backends(),
                options.h2MaxSize(),
                options.stockBudget().toSeconds(),
                options.measure().toSeconds(),
                options.warmUp().toSeconds(),
                options.appends(),
                options.appendRounds(),
                options.reads(),
                options.readRounds(),
                options.loads(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                options.inProcess()
                        ? "in this JVM (--in-process): server and client share one heap and one collector"
                        : "one child JVM per measured store (java -Xmx" + options.serverHeap()
                                + " -cp <this classpath> io.lms.embedded.EmbeddedMongoLauncher --memory | --data <temp"
                                + " dir>), as run.sh runs the server; this JVM is the client only");
        new EventStoreBenchmark(options).run();
    }

    private static Options parse(String[] args) {
        List<Integer> sizes = List.of(10_000, 1_000_000);
        List<String> backends = List.of("memory", "h2");
        int h2Max = 10_000;
        int stockSeconds = 60;
        int appends = 2_000;
        int reads = 50_000;
        int loads = 50;
        int warmUpSeconds = 3;
        int measureSeconds = 3;
        int appendRounds = 3;
        int readRounds = 3;
        boolean appendsOnly = false;
        boolean inProcess = false;
        // the memory backend holds about 3.3 GB live per million events (after a full GC), and the raw collection's
        // copy doubles that during the append rounds: at 8g the later rounds of raw and ours alike collapsed in GC
        String serverHeap = "12g";
        List<String> serverJavaOptions = List.of();
        int indexPoolMaxSurplus = 64;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(value.split(","))
                        .map(s -> Integer.parseInt(s.trim().replace("_", "")))
                        .toList();
                case "--backends" -> backends = List.of(value.split(","));
                case "--h2-max-size" -> h2Max = Integer.parseInt(value);
                case "--stock-budget-seconds" -> stockSeconds = Integer.parseInt(value);
                case "--appends" -> appends = Integer.parseInt(value);
                case "--reads" -> reads = Integer.parseInt(value);
                case "--loads" -> loads = Math.min(50, Integer.parseInt(value));
                case "--warm-up-seconds" -> warmUpSeconds = Integer.parseInt(value);
                case "--append-seconds" -> measureSeconds = Integer.parseInt(value);
                case "--append-rounds" -> appendRounds = Math.max(1, Integer.parseInt(value));
                case "--read-rounds" -> readRounds = Math.max(1, Integer.parseInt(value));
                case "--appends-only" -> {
                    appendsOnly = true;
                    i--; // a flag without a value
                }
                case "--in-process" -> {
                    inProcess = true;
                    i--;
                }
                case "--server-heap" -> serverHeap = value;
                case "--index-pool" -> indexPoolMaxSurplus = Integer.parseInt(value);
                case "--server-java-options" -> serverJavaOptions = Arrays.stream(
                                value.trim().split("\\s+"))
                        .filter(option -> !option.isEmpty())
                        .toList();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            i++;
        }
        return new Options(
                sizes,
                backends,
                h2Max,
                Duration.ofSeconds(stockSeconds),
                appends,
                reads,
                loads,
                Duration.ofSeconds(warmUpSeconds),
                Duration.ofSeconds(measureSeconds),
                appendRounds,
                readRounds,
                appendsOnly,
                inProcess,
                serverHeap,
                serverJavaOptions,
                indexPoolMaxSurplus);
    }

    // ------------------------------------------------------------------ the run

    private void run() throws Exception {
        Map<String, Map<String, Figure[]>> all =
                new LinkedHashMap<>(); // "backend size" -> metric -> [ours, stock, raw]
        for (String backend : options.backends()) {
            for (int size : options.sizes()) {
                if (backend.equals("h2") && size > options.h2MaxSize()) {
                    continue;
                }
                String label = backend + ", " + String.format(Locale.ROOT, "%,d", size) + " events stored";
                System.out.println("== " + label + " ==");
                Map<String, Figure[]> figures = new LinkedHashMap<>();
                for (String metric : METRICS) {
                    figures.put(metric, new Figure[] {Figure.NONE, Figure.NONE, Figure.NONE});
                }
                measureOurs(backend, size, figures);
                if (!options.appendsOnly()) {
                    measureStock(backend, size, figures);
                }
                printTable(label, figures);
                all.put(label, figures);
            }
        }
        printScaling(all);
    }

    private void measureOurs(String backend, int size, Map<String, Figure[]> figures) throws Exception {
        try (Server server = Server.start(backend, options);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase("bench");
            MongoIndexedEventStorageEngine engine = MongoIndexedEventStorageEngine.builder()
                    .mongoDatabase(database)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    // as the services configure it (lms.event-store.index-pool.*); --index-pool 0 turns it off
                    .indexPool(options.indexPoolMaxSurplus(), Duration.ofMillis(20))
                    .build();
            long started = System.nanoTime();
            fill(engine, size);
            log("filled %,d events for the indexed engine in %.1f s", size, seconds(started));
            Duration budget = Duration.ofMinutes(10);
            warmUp(engine, size);

            // raw driver, same server, same document shape and unique indexes, no counter; the raw collection
            // holds as many documents as the events collection before the rounds, so that both insert into
            // equally large collections (their indexes are as large)
            MongoCollection<BsonDocument> raw = database.getCollection("raw_events", BsonDocument.class);
            raw.createIndex(
                    Indexes.ascending("aggregateKey"),
                    new IndexOptions().unique(true).sparse(true).name("aggregateKey_unique"));
            raw.createIndex(
                    Indexes.ascending("eventId"),
                    new IndexOptions().unique(true).sparse(true).name("eventId_unique"));
            MongoCollection<BsonDocument> events = database.getCollection("events", BsonDocument.class);
            BsonDocument template = events.find(Filters.eq("_id", 1L)).first();
            started = System.nanoTime();
            long copied = copyEvents(events, raw, engine.headIndex());
            log(
                    "copied %,d documents into the raw collection in %.1f s (events holds %,d)",
                    copied, seconds(started), events.countDocuments());
            AtomicLong rawIds = new AtomicLong(copied + 1);
            Append rawAppend = (thread, i) -> {
                BsonDocument doc = template.clone();
                doc.put("_id", new BsonInt64(rawIds.getAndIncrement()));
                doc.put("aggregateKey", new BsonString(UUID.randomUUID() + "#0000000000000000000"));
                doc.put("eventId", new BsonString(UUID.randomUUID().toString()));
                raw.insertOne(doc);
            };
            Append oursOne = (thread, i) -> engine.appendEvents(appendEvent("one-" + i));
            Append oursEight = (thread, i) -> engine.appendEvents(appendEvent("eight-" + thread + "-" + i));
            // raw and ours take turns in slices of a quarter second within each round (see interleavedRates), so that
            // both see the same JVM (JIT, GC) and machine state; the figure is the median of the rounds
            List<List<Figure>> rounds =
                    List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int round = 0; round < options.appendRounds(); round++) {
                addRound(
                        rounds,
                        "append round %d: 1 thread raw %s, ours %s; 8 threads raw %s, ours %s",
                        round,
                        interleavedRates(1, rawAppend, oursOne),
                        interleavedRates(8, rawAppend, oursEight));
            }
            figures.get(METRICS[0])[2] = median(rounds.get(0));
            figures.get(METRICS[0])[0] = median(rounds.get(1));
            figures.get(METRICS[1])[2] = median(rounds.get(2));
            figures.get(METRICS[1])[0] = median(rounds.get(3));
            log(
                    "append ratios ours/raw by round: 1 thread %s; 8 threads %s",
                    roundRatios(rounds.get(1), rounds.get(0)), roundRatios(rounds.get(3), rounds.get(2)));
            if (options.appendsOnly()) {
                return;
            }
            // the copy served the append rounds only: the loads and reads below measure a store of `size` events
            // (plus the appended ones), as before, and the raw load and read baselines query `events` itself
            raw.drop();

            EmbeddedEventStore store =
                    EmbeddedEventStore.builder().storageEngine(engine).build();
            figures.get(METRICS[2])[0] = loadTime("ours, 50 events", budget, i -> engine.readEvents(loadAggregate(i)));
            figures.get(METRICS[2])[2] = loadTime("raw, 50 events", budget, i -> {
                List<String> keys = new ArrayList<>();
                for (int s = 0; s < EVENTS_PER_LOADED_AGGREGATE; s++) {
                    keys.add(MongoIndexedEventStorageEngine.aggregateKey(loadAggregate(i), s));
                }
                List<BsonDocument> found =
                        events.find(Filters.in("aggregateKey", keys)).into(new ArrayList<>());
                return found.size();
            });
            for (int i = 0; i < options.loads(); i++) {
                engine.storeSnapshot(snapshot(loadAggregate(50 + i)));
            }
            figures.get(METRICS[3])[0] =
                    loadTime("ours, snapshot + 9", budget, i -> store.readEvents(loadAggregate(50 + i)));
            MongoCollection<BsonDocument> snapshots = database.getCollection("snapshots", BsonDocument.class);
            figures.get(METRICS[3])[2] = loadTime("raw, snapshot + 9", budget, i -> {
                String aggregate = loadAggregate(50 + i);
                snapshots.find(Filters.eq("_id", aggregate)).first();
                List<String> keys = new ArrayList<>();
                for (long s = SNAPSHOT_AT + 1; s < EVENTS_PER_LOADED_AGGREGATE; s++) {
                    keys.add(MongoIndexedEventStorageEngine.aggregateKey(aggregate, s));
                }
                return events.find(Filters.in("aggregateKey", keys))
                        .into(new ArrayList<>())
                        .size();
            });

            // raw and ours are interleaved here too, in quarter-second slices (see readInterleaved), and the figure
            // is the median round: single read runs of either swing by 2-3x on this machine
            int reads = Math.min(options.reads(), size / 2);
            List<List<Figure>> reading =
                    List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            readInterleaved(engine, events, size / 2, reads, options.warmUp(), 0); // not counted
            for (int round = 0; round < options.readRounds(); round++) {
                addRound(
                        reading,
                        "read round %d: tracking raw %s, ours %s; replay raw %s, ours %s",
                        round,
                        readInterleaved(engine, events, size / 2, reads, options.measure(), 0),
                        // a replay round reads the whole store at least once on our side
                        readInterleaved(engine, events, 0, size, options.measure(), size));
            }
            log(
                    "read ratios ours/raw by round: tracking %s; replay %s",
                    roundRatios(reading.get(1), reading.get(0)), roundRatios(reading.get(3), reading.get(2)));
            figures.get(METRICS[4])[2] = median(reading.get(0));
            figures.get(METRICS[4])[0] = median(reading.get(1));
            figures.get(METRICS[5])[2] = median(reading.get(2));
            figures.get(METRICS[5])[0] = median(reading.get(3));
            store.shutDown();
        }
    }

    private void measureStock(String backend, int size, Map<String, Figure[]> figures) throws Exception {
        try (Server server = Server.start(backend, options);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                    .mongoTemplate(DefaultMongoTemplate.builder()
                            .mongoDatabase(client, "bench")
                            .build())
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .build();
            long started = System.nanoTime();
            fill(engine, size);
            log("filled %,d events for the stock engine in %.1f s", size, seconds(started));
            Duration budget = options.stockBudget();
            warmUp(engine, size);
            List<Figure> one = new ArrayList<>();
            List<Figure> eight = new ArrayList<>();
            for (int round = 0; round < options.appendRounds(); round++) {
                one.add(appendRate(
                        1, options.appends(), budget, (thread, i) -> engine.appendEvents(appendEvent("one-" + i))));
                eight.add(appendRate(
                        8,
                        options.appends(),
                        budget,
                        (thread, i) -> engine.appendEvents(appendEvent("eight-" + thread + "-" + i))));
            }
            figures.get(METRICS[0])[1] = median(one);
            figures.get(METRICS[1])[1] = median(eight);
            EmbeddedEventStore store =
                    EmbeddedEventStore.builder().storageEngine(engine).build();
            figures.get(METRICS[2])[1] = loadTime("stock, 50 events", budget, i -> engine.readEvents(loadAggregate(i)));
            for (int i = 0; i < options.loads(); i++) {
                engine.storeSnapshot(snapshot(loadAggregate(50 + i)));
            }
            figures.get(METRICS[3])[1] =
                    loadTime("stock, snapshot + 9", budget, i -> store.readEvents(loadAggregate(50 + i)));
            // the stock token has no position: a read "from the middle" starts at the tail
            int reads = Math.min(options.reads(), size / 2);
            figures.get(METRICS[4])[1] = trackingRate(engine, null, reads, budget);
            figures.get(METRICS[5])[1] = trackingRate(engine, null, size, budget);
            store.shutDown();
        }
    }

    /**
     * Runs every measured path a little on other aggregates first, so that the JIT has compiled client and server
     * code before the clock runs (in the client JVM, and in the server, whether it runs in its own JVM or in this one).
     */
    private void warmUp(BatchingEventStorageEngine engine, int size) throws Exception {
        long started = System.nanoTime();
        timedAppends(1, 500, Duration.ofSeconds(20), 0, (thread, i) -> engine.appendEvents(appendEvent("warm-" + i)));
        timedAppends(
                8,
                500,
                Duration.ofSeconds(20),
                0,
                (thread, i) -> engine.appendEvents(appendEvent("warm-" + thread + "-" + i)));
        if (options.appendsOnly()) {
            return; // each append figure warms itself up
        }
        long loadsUntil = System.nanoTime() + options.warmUp().toNanos();
        for (int i = 0; i < 20 || (System.nanoTime() < loadsUntil && i < size / 20); i++) {
            engine.readEvents("filler-" + i)
                    .asStream()
                    .map(EventMessage::getPayload)
                    .count();
        }
        TrackingToken from = engine instanceof MongoIndexedEventStorageEngine
                ? GapAwareTrackingToken.newInstance(size / 4, List.of())
                : null;
        trackingRate(engine, from, Math.min(size / 4, 3_000), Duration.ofSeconds(10));
        trackingRate(engine, from, size / 4, options.warmUp());
        System.gc();
        log("warmed up in %.1f s", seconds(started));
    }

    // ------------------------------------------------------------------ data

    private static String loadAggregate(int i) {
        return "load-" + i;
    }

    private static DomainEventMessage<?> appendEvent(String aggregate) {
        return new GenericDomainEventMessage<>(
                "Course",
                aggregate,
                0,
                new BenchEvent(aggregate, "user-1", 1, Instant.now()),
                MetaData.with("user_id", "user-1"));
    }

    private static DomainEventMessage<?> snapshot(String aggregate) {
        return new GenericDomainEventMessage<>(
                "Course", aggregate, SNAPSHOT_AT, new CourseState(aggregate, SNAPSHOT_AT));
    }

    /**
     * Fills the store through the engine itself, 1,000 events per append (one counter update and one insertMany
     * each for ours). The 100 "load" aggregates get 50 events each, spread over the whole index range and each
     * appended alone (as a command appends its aggregate's events); the rest belong to aggregates of 10 events.
     */
    private static void fill(BatchingEventStorageEngine engine, int size) {
        int loadEvents = LOAD_AGGREGATES * EVENTS_PER_LOADED_AGGREGATE;
        int stride = Math.max(1, size / loadEvents);
        long[] loadSequence = new long[LOAD_AGGREGATES];
        int loadWritten = 0;
        long filler = 0;
        Instant base = Instant.now().minus(Duration.ofDays(1));
        List<EventMessage<?>> batch = new ArrayList<>(FILL_BATCH);
        for (int i = 0; i < size; i++) {
            DomainEventMessage<?> event;
            if (i % stride == 0 && loadWritten < loadEvents) {
                int aggregate = loadWritten % LOAD_AGGREGATES;
                String id = loadAggregate(aggregate);
                event = new GenericDomainEventMessage<>(
                        "Course",
                        id,
                        loadSequence[aggregate]++,
                        new BenchEvent(id, "user-" + (i % 1000), i, base.plusMillis(i)),
                        MetaData.with("user_id", "user-" + (i % 1000)));
                loadWritten++;
                // a load aggregate's event is appended on its own, as one command's event is: were it part of a
                // 1,000-event append of other aggregates, a load would have to check that whole append (see
                // "Whole appends" in docs/event-store.md), which is not what the application writes
                if (!batch.isEmpty()) {
                    engine.appendEvents(batch);
                    batch = new ArrayList<>(FILL_BATCH);
                }
                engine.appendEvents(List.of(event));
                continue;
            } else {
                String id = "filler-" + (filler / 10);
                event = new GenericDomainEventMessage<>(
                        "Course",
                        id,
                        filler % 10,
                        new BenchEvent(id, "user-" + (i % 1000), i, base.plusMillis(i)),
                        MetaData.with("user_id", "user-" + (i % 1000)));
                filler++;
            }
            batch.add(event);
            if (batch.size() == FILL_BATCH) {
                engine.appendEvents(batch);
                batch = new ArrayList<>(FILL_BATCH);
            }
        }
        if (!batch.isEmpty()) {
            engine.appendEvents(batch);
        }
    }

    // ------------------------------------------------------------------ measurements

    @FunctionalInterface
    interface Append {
        void append(int thread, int i) throws Exception;
    }

    /**
     * Events per second for {@code total} single-event appends spread over {@code threads} threads, after a warm-up
     * phase ({@code --warm-up-seconds}, default 3) that runs the same appends with the same threads on other keys
     * (a fresh range of i), so that the JIT has settled on this path before the clock runs.
     */
    private Figure appendRate(int threads, int total, Duration budget, Append append) throws Exception {
        if (!options.warmUp().isZero()) {
            timedAppends(threads, Integer.MAX_VALUE, options.warmUp(), nextKeyBase(), append);
        }
        if (options.measure().isZero()) {
            return timedAppends(threads, total, budget, nextKeyBase(), append);
        }
        // a fixed measuring time: a count of 2,000 is over in a fraction of a second at these rates, too noisy
        Figure byTime = timedAppends(threads, Integer.MAX_VALUE, options.measure(), nextKeyBase(), append);
        return new Figure(byTime.value(), false, "/s");
    }

    /** How long each side runs before the workers switch to the other, in {@link #interleavedRates}. */
    private static final Duration SLICE = Duration.ofMillis(250);

    /**
     * The rates of two kinds of append, {@code first} (the baseline) and {@code second}, measured in alternation:
     * {@code threads} workers run whichever side is current, and every {@link #SLICE} all of them switch to the
     * other, for the warm-up ({@code --warm-up-seconds}, nothing counted) and then for twice the measuring time
     * ({@code --append-seconds} per side). Each side's rate is its appends over its own slices' time.
     *
     * <p>Measured one after the other, a few seconds each, the two sides met different machine states: on this
     * 2-core VM the raw baseline alone swung between 2,500 and 12,700 appends per second from one run to the next
     * (JIT and GC activity of two JVMs, page faults of a growing heap), and a ratio of two such figures said more
     * about the moment than about the engine. Slices of a quarter second put both sides into every such phase.
     * An append still in flight at a switch counts for the side it started on: at most one per worker per slice.
     */
    private Figure[] interleavedRates(int threads, Append first, Append second) throws Exception {
        if (!options.warmUp().isZero()) {
            alternate(threads, options.warmUp(), first, second);
        }
        return alternate(threads, options.measure().multipliedBy(2), first, second);
    }

    private Figure[] alternate(int threads, Duration total, Append first, Append second) throws Exception {
        Append[] sides = {first, second};
        int[] bases = {nextKeyBase(), nextKeyBase()};
        AtomicLong[] done = {new AtomicLong(), new AtomicLong()};
        long[] nanos = new long[2];
        AtomicInteger current = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                int[] next = new int[2];
                while (!stop.get()) {
                    int side = current.get();
                    sides[side].append(thread, bases[side] + next[side]++);
                    done[side].incrementAndGet();
                }
                return null;
            }));
        }
        try {
            long end = System.nanoTime() + total.toNanos();
            int side = 0;
            long sliceStart = System.nanoTime();
            while (sliceStart < end) {
                current.set(side);
                TimeUnit.NANOSECONDS.sleep(Math.min(SLICE.toNanos(), end - sliceStart));
                long now = System.nanoTime();
                nanos[side] += now - sliceStart;
                sliceStart = now;
                side = 1 - side;
            }
        } finally {
            stop.set(true);
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
        }
        return new Figure[] {
            new Figure(done[0].get() / (nanos[0] / 1e9), false, "/s"),
            new Figure(done[1].get() / (nanos[1] / 1e9), false, "/s")
        };
    }

    /** Adds one round's {raw, ours} pairs to the four lists (raw, ours, raw, ours) and logs them. */
    private static void addRound(List<List<Figure>> lists, String format, int round, Figure[] first, Figure[] second) {
        lists.get(0).add(first[0]);
        lists.get(1).add(first[1]);
        lists.get(2).add(second[0]);
        lists.get(3).add(second[1]);
        log(format, round + 1, first[0].text(), first[1].text(), second[0].text(), second[1].text());
    }

    /** Every append run takes its keys from a fresh range, so that rounds and warm-ups never collide. */
    private final AtomicInteger keyBase = new AtomicInteger();

    private int nextKeyBase() {
        return keyBase.getAndAdd(10_000_000);
    }

    /** The median round (the lower middle one for an even count); timed out when that round timed out. */
    private static Figure median(List<Figure> figures) {
        List<Figure> sorted = new ArrayList<>(figures);
        sorted.sort(Comparator.comparingDouble(Figure::value));
        return sorted.get((sorted.size() - 1) / 2);
    }

    private static Figure timedAppends(int threads, int total, Duration budget, int base, Append append)
            throws Exception {
        long deadline = System.nanoTime() + budget.toNanos();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < total / threads; i++) {
                    if (System.nanoTime() > deadline) {
                        return null;
                    }
                    append.append(thread, base + i);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        double elapsed = seconds(start);
        return new Figure(done.get() / elapsed, done.get() < (long) (total / threads) * threads, "/s");
    }

    @FunctionalInterface
    interface Load {
        Object load(int i);
    }

    /**
     * Average milliseconds to load one aggregate (each one only once: nothing is warm). The median and the slowest
     * load are logged and the median kept besides, so that a single pause (GC, JIT) shows as such.
     */
    private Figure loadTime(String name, Duration budget, Load load) {
        long deadline = System.nanoTime() + budget.toNanos();
        long start = System.nanoTime();
        int done = 0;
        double[] each = new double[options.loads()];
        for (int i = 0; i < options.loads(); i++) {
            if (System.nanoTime() > deadline) {
                break;
            }
            long began = System.nanoTime();
            Object result = load.load(i);
            if (result instanceof org.axonframework.eventsourcing.eventstore.DomainEventStream stream) {
                long count = stream.asStream().map(EventMessage::getPayload).count();
                if (count == 0) {
                    throw new IllegalStateException("loaded nothing for aggregate " + i);
                }
            }
            each[done++] = (System.nanoTime() - began) / 1e6;
        }
        double ms = (System.nanoTime() - start) / 1e6 / Math.max(1, done);
        double[] sorted = Arrays.copyOf(each, done);
        Arrays.sort(sorted);
        double median = done == 0
                ? Double.NaN
                : done % 2 == 1 ? sorted[done / 2] : (sorted[done / 2 - 1] + sorted[done / 2]) / 2;
        log(
                "cold load %s: mean %.2f ms, median %.2f ms, fastest %.2f ms, slowest %.2f ms (%d loads)",
                name, ms, median, done == 0 ? Double.NaN : sorted[0], done == 0 ? Double.NaN : sorted[done - 1], done);
        return new Figure(ms, done < options.loads(), "ms", median);
    }

    /** ours/raw of each round, e.g. "0.45 · 0.50 · 0.34". */
    private static String roundRatios(List<Figure> ours, List<Figure> raw) {
        List<String> ratios = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            ratios.add(String.format(
                    Locale.ROOT, "%.2f", ours.get(i).value() / raw.get(i).value()));
        }
        return String.join(" · ", ratios);
    }

    /**
     * Copies every document of {@code events} (indexes 1 to {@code head}) into {@code raw} with fresh {@code _id}s
     * (1, 2, ...), {@code aggregateKey}s and {@code eventId}s, 1,000 at a time ({@code $in} on {@code _id}, then one
     * {@code insertMany}). Returns the number copied.
     */
    private static long copyEvents(MongoCollection<BsonDocument> events, MongoCollection<BsonDocument> raw, long head) {
        long copied = 0;
        for (long from = 1; from <= head; from += FILL_BATCH) {
            List<Long> ids = new ArrayList<>(FILL_BATCH);
            for (long id = from; id < from + FILL_BATCH && id <= head; id++) {
                ids.add(id);
            }
            List<BsonDocument> found = events.find(Filters.in("_id", ids)).into(new ArrayList<>());
            found.sort(Comparator.comparingLong(d -> d.getInt64("_id").getValue()));
            List<BsonDocument> copies = new ArrayList<>(found.size());
            for (BsonDocument document : found) {
                BsonDocument copy = new BsonDocument("_id", new BsonInt64(++copied));
                document.forEach((name, value) -> {
                    if (!name.equals("_id")) {
                        copy.put(name, value);
                    }
                });
                if (copy.containsKey("aggregateKey")) {
                    copy.put(
                            "aggregateKey",
                            new BsonString(
                                    "raw-" + copy.getString("aggregateKey").getValue()));
                }
                if (copy.containsKey("eventId")) {
                    copy.put("eventId", new BsonString(UUID.randomUUID().toString()));
                }
                copies.add(copy);
            }
            if (!copies.isEmpty()) {
                raw.insertMany(copies, new InsertManyOptions().ordered(false));
            }
        }
        return copied;
    }

    /** Events per second read by a tracking reader into a trivial projection (sum of a payload field). */
    private static Figure trackingRate(
            BatchingEventStorageEngine engine, TrackingToken from, int count, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        long start = System.nanoTime();
        long read = 0;
        long sum = 0;
        TrackingToken token = from;
        while (read < count && System.nanoTime() < deadline) {
            long before = read;
            try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, false)) {
                var iterator = stream.iterator();
                while (iterator.hasNext() && read < count) {
                    TrackedEventMessage<?> event = iterator.next();
                    Object payload = event.getPayload();
                    if (payload instanceof BenchEvent bench) {
                        sum += bench.points();
                    }
                    token = event.trackingToken();
                    read++;
                    if ((read & 127) == 0 && System.nanoTime() > deadline) {
                        break;
                    }
                }
            }
            if (read == before) {
                break; // the end of the stream
            }
        }
        if (sum == -1) {
            System.out.println(); // keeps the projection from being optimised away
        }
        return new Figure(read / seconds(start), read < count, "/s");
    }

    /** Documents per second fetched by plain {@code $in} lookups on {@code _id}, a batch at a time. */
    /**
     * Raw {@code $in} lookups of {@code batchSize} {@code _id}s and our tracking reads into the trivial projection,
     * over the same {@code count} indexes after {@code after}, measured in alternation: a quarter second of one, a
     * quarter second of the other, for {@code perSide} each (as the appends, see {@link #interleavedRates}). Each
     * side starts over at {@code after} when it reaches the end of the range. Our stream stays open across slices
     * (it fetches its next batch only when pulled), so a switch wastes nothing. The slices go on after
     * {@code perSide} until our side has read at least {@code minOurs} events. Returns {raw, ours}.
     */
    private static Figure[] readInterleaved(
            MongoIndexedEventStorageEngine engine,
            MongoCollection<BsonDocument> events,
            long after,
            long count,
            Duration perSide,
            long minOurs) {
        int batch = engine.batchSize();
        long end = after + count;
        long[] done = new long[2];
        long[] nanos = new long[2];
        long rawNext = after + 1;
        long sum = 0;
        Stream<? extends TrackedEventMessage<?>> stream = null;
        Iterator<? extends TrackedEventMessage<?>> ours = null;
        try {
            long until = System.nanoTime() + perSide.multipliedBy(2).toNanos();
            int side = 0;
            while (System.nanoTime() < until || done[1] < minOurs) {
                long sliceStart = System.nanoTime();
                long sliceEnd = sliceStart + SLICE.toNanos();
                if (side == 0) {
                    while (System.nanoTime() < sliceEnd) {
                        List<Long> ids = new ArrayList<>(batch);
                        for (long id = rawNext; id < rawNext + batch && id <= end; id++) {
                            ids.add(id);
                        }
                        List<BsonDocument> found =
                                events.find(Filters.in("_id", ids)).into(new ArrayList<>());
                        found.sort(
                                Comparator.comparingLong(d -> d.getInt64("_id").getValue()));
                        done[0] += found.size();
                        rawNext += batch;
                        if (rawNext > end) {
                            rawNext = after + 1;
                        }
                    }
                } else {
                    while (System.nanoTime() < sliceEnd) {
                        if (ours == null || !ours.hasNext()) {
                            if (stream != null) {
                                stream.close();
                            }
                            stream = engine.readEvents(GapAwareTrackingToken.newInstance(after, List.of()), false);
                            ours = stream.iterator();
                        }
                        TrackedEventMessage<?> event = ours.next();
                        if (event.getPayload() instanceof BenchEvent bench) {
                            sum += bench.points();
                        }
                        done[1]++;
                        if (event.trackingToken().position().orElse(0) >= end) {
                            ours = null; // start over at the beginning of the range
                        }
                    }
                }
                nanos[side] += System.nanoTime() - sliceStart;
                side = 1 - side;
            }
        } finally {
            if (stream != null) {
                stream.close();
            }
        }
        if (sum == -1) {
            System.out.println(); // keeps the projection from being optimised away
        }
        return new Figure[] {
            new Figure(done[0] / (nanos[0] / 1e9), false, "/s"), new Figure(done[1] / (nanos[1] / 1e9), false, "/s")
        };
    }

    private static Figure rawLookupRate(MongoCollection<BsonDocument> events, long after, int count, int batch) {
        long start = System.nanoTime();
        long read = 0;
        for (long from = after + 1; read < count; from += batch) {
            List<Long> ids = new ArrayList<>(batch);
            for (long id = from; id < from + batch; id++) {
                ids.add(id);
            }
            List<BsonDocument> found = events.find(Filters.in("_id", ids)).into(new ArrayList<>());
            if (found.isEmpty()) {
                break;
            }
            found.sort(Comparator.comparingLong(d -> d.getInt64("_id").getValue()));
            read += found.size();
        }
        return new Figure(read / seconds(start), false, "/s");
    }

    // ------------------------------------------------------------------ output

    private static void printTable(String label, Map<String, Figure[]> figures) {
        String format = "| %-32s | %-16s | %-30s | %-16s | %-12s | %-12s |%n";
        System.out.println();
        System.out.println("### " + label);
        System.out.printf(
                Locale.ROOT,
                format,
                "metric",
                "indexed engine",
                "axon-mongo stock engine",
                "raw driver",
                "vs stock",
                "vs raw");
        System.out.printf(
                Locale.ROOT,
                format,
                "-".repeat(32),
                "-".repeat(16),
                "-".repeat(30),
                "-".repeat(16),
                "-".repeat(12),
                "-".repeat(12));
        figures.forEach((metric, values) -> System.out.printf(
                Locale.ROOT,
                format,
                metric,
                values[0].text(),
                values[1].text(),
                values[2].text(),
                ratio(values[0], values[1]),
                ratio(values[0], values[2])));
        System.out.println();
        // the table shows the mean of the cold loads; their medians show whether a few slow loads (a GC pause, a
        // compile) moved it
        figures.forEach((metric, values) -> {
            if (values[0].unit().equals("ms")) {
                System.out.printf(
                        Locale.ROOT,
                        "median %s: indexed engine %s, stock engine %s, raw driver %s%n",
                        metric,
                        medianText(values[0]),
                        medianText(values[1]),
                        medianText(values[2]));
            }
        });
        System.out.println();
    }

    private static String medianText(Figure figure) {
        return Double.isNaN(figure.median())
                ? "-"
                : String.format(Locale.ROOT, "%.2f ms%s", figure.median(), figure.timedOut() ? " (partial)" : "");
    }

    /** How many times better ours is (rates: ours/other; times: other/ours). */
    private static String ratio(Figure ours, Figure other) {
        if (Double.isNaN(ours.value()) || Double.isNaN(other.value()) || other.value() == 0 || ours.value() == 0) {
            return "-";
        }
        double r = ours.unit().equals("ms") ? other.value() / ours.value() : ours.value() / other.value();
        return String.format(Locale.ROOT, "%s%.2fx", other.timedOut() ? ">" : "", r);
    }

    private static void printScaling(Map<String, Map<String, Figure[]>> all) {
        List<String> labels = new ArrayList<>(all.keySet());
        for (String backend : List.of("memory", "h2")) {
            List<String> runs =
                    labels.stream().filter(l -> l.startsWith(backend + ",")).toList();
            if (runs.size() < 2) {
                continue;
            }
            String small = runs.get(0);
            String large = runs.get(runs.size() - 1);
            System.out.println("### indexed engine: " + large + " against " + small + " (1.00x = no slower)");
            String format = "| %-32s | %-18s | %-18s | %-10s |%n";
            System.out.printf(Locale.ROOT, format, "metric", "small store", "large store", "slowdown");
            System.out.printf(Locale.ROOT, format, "-".repeat(32), "-".repeat(18), "-".repeat(18), "-".repeat(10));
            for (String metric : METRICS) {
                Figure a = all.get(small).get(metric)[0];
                Figure b = all.get(large).get(metric)[0];
                double slowdown = a.unit().equals("ms") ? b.value() / a.value() : a.value() / b.value();
                System.out.printf(
                        Locale.ROOT, format, metric, a.text(), b.text(), String.format(Locale.ROOT, "%.2fx", slowdown));
            }
            System.out.println();
        }
    }

    private static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "  " + format + "%n", args);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * An embedded server for one measurement, removed afterwards: by default a child JVM of its own (as {@code run.sh}
     * runs it, so that its heap and collector are not the client's), with {@code --in-process} a server in this JVM.
     */
    private static final class Server implements AutoCloseable {
        private final String connectionString;
        private final EmbeddedMongo inProcess;
        private final Process process;
        private final Thread killOnExit;
        private final Path directory;
        private final Path log;

        private Server(
                String connectionString,
                EmbeddedMongo inProcess,
                Process process,
                Thread killOnExit,
                Path directory,
                Path log) {
            this.connectionString = connectionString;
            this.inProcess = inProcess;
            this.process = process;
            this.killOnExit = killOnExit;
            this.directory = directory;
            this.log = log;
        }

        String connectionString() {
            return connectionString;
        }

        static Server start(String backend, Options options) throws IOException, InterruptedException {
            if (!backend.equals("memory") && !backend.equals("h2")) {
                throw new IllegalArgumentException("unknown backend " + backend + " (memory or h2)");
            }
            Path directory = backend.equals("h2") ? Files.createTempDirectory("event-store-bench") : null;
            if (options.inProcess()) {
                EmbeddedMongo mongo =
                        directory == null ? EmbeddedMongo.inMemory() : EmbeddedMongo.persistent(directory);
                return new Server(mongo.connectionString(), mongo, null, null, directory, null);
            }
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + options.serverHeap()));
            command.addAll(options.serverJavaOptions());
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.lms.embedded.EmbeddedMongoLauncher",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    String.valueOf(port)));
            if (directory == null) {
                command.add("--memory");
            } else {
                command.addAll(List.of("--data", directory.toString()));
            }
            Path log = Files.createTempFile("event-store-bench-server", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Thread killOnExit = new Thread(process::destroyForcibly, "kill-embedded-server");
            Runtime.getRuntime().addShutdownHook(killOnExit);
            Server server = new Server("mongodb://127.0.0.1:" + port, null, process, killOnExit, directory, log);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                if (!process.isAlive()) {
                    String output = Files.readString(log);
                    server.close();
                    throw new IllegalStateException("the embedded server stopped during start-up:\n" + output);
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                    break;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        server.close();
                        throw new IllegalStateException("the embedded server does not accept connections after 60 s");
                    }
                    Thread.sleep(50);
                }
            }
            log(
                    "embedded server: child JVM pid %d on port %d (-Xmx%s, %s)",
                    process.pid(), port, options.serverHeap(), backend);
            return server;
        }

        @Override
        public void close() {
            if (inProcess != null) {
                inProcess.close();
            }
            if (process != null) {
                process.destroy(); // SIGTERM: the launcher's shutdown hook stops the server and closes the backend
                try {
                    if (!process.waitFor(60, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
                try {
                    Runtime.getRuntime().removeShutdownHook(killOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
            }
            try {
                if (log != null) {
                    Files.deleteIfExists(log);
                }
                if (directory != null) {
                    try (Stream<Path> files = Files.walk(directory)) {
                        files.sorted(Comparator.reverseOrder())
                                .forEach(p -> p.toFile().delete());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
