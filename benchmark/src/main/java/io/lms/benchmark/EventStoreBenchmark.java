package io.lms.benchmark;

import static io.lms.benchmark.AppendMeasurement.addRound;
import static io.lms.benchmark.AppendMeasurement.timedAppends;
import static io.lms.benchmark.BenchData.EVENTS_PER_LOADED_AGGREGATE;
import static io.lms.benchmark.BenchData.SNAPSHOT_AT;
import static io.lms.benchmark.BenchData.appendEvent;
import static io.lms.benchmark.BenchData.copyEvents;
import static io.lms.benchmark.BenchData.fill;
import static io.lms.benchmark.BenchData.loadAggregate;
import static io.lms.benchmark.BenchData.snapshot;
import static io.lms.benchmark.BenchReport.METRICS;
import static io.lms.benchmark.BenchReport.printScaling;
import static io.lms.benchmark.BenchReport.printTable;
import static io.lms.benchmark.Figure.median;
import static io.lms.benchmark.Figure.roundRatios;
import static io.lms.benchmark.ReadMeasurement.readInterleaved;
import static io.lms.benchmark.ReadMeasurement.trackingRate;

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
import io.lms.eventstore.MongoIndexedEventStorageEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
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

    private final BenchOptions options;
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(mapper).build();

    private final AppendMeasurement appends;
    private final LoadMeasurement loads;

    private EventStoreBenchmark(BenchOptions options) {
        this.options = options;
        this.appends = new AppendMeasurement(options);
        this.loads = new LoadMeasurement(options);
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
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
        try (BenchServer server = BenchServer.start(backend, options);
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
            BenchLog.log("filled %,d events for the indexed engine in %.1f s", size, BenchLog.seconds(started));
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
            BenchLog.log(
                    "copied %,d documents into the raw collection in %.1f s (events holds %,d)",
                    copied, BenchLog.seconds(started), events.countDocuments());
            AtomicLong rawIds = new AtomicLong(copied + 1);
            AppendMeasurement.Append rawAppend = (thread, i) -> {
                BsonDocument doc = template.clone();
                doc.put("_id", new BsonInt64(rawIds.getAndIncrement()));
                doc.put("aggregateKey", new BsonString(UUID.randomUUID() + "#0000000000000000000"));
                doc.put("eventId", new BsonString(UUID.randomUUID().toString()));
                raw.insertOne(doc);
            };
            AppendMeasurement.Append oursOne = (thread, i) -> engine.appendEvents(appendEvent("one-" + i));
            AppendMeasurement.Append oursEight =
                    (thread, i) -> engine.appendEvents(appendEvent("eight-" + thread + "-" + i));
            // raw and ours take turns in slices of a quarter second within each round (see interleavedRates), so that
            // both see the same JVM (JIT, GC) and machine state; the figure is the median of the rounds
            List<List<Figure>> rounds =
                    List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int round = 0; round < options.appendRounds(); round++) {
                addRound(
                        rounds,
                        "append round %d: 1 thread raw %s, ours %s; 8 threads raw %s, ours %s",
                        round,
                        appends.interleavedRates(1, rawAppend, oursOne),
                        appends.interleavedRates(8, rawAppend, oursEight));
            }
            figures.get(METRICS[0])[2] = median(rounds.get(0));
            figures.get(METRICS[0])[0] = median(rounds.get(1));
            figures.get(METRICS[1])[2] = median(rounds.get(2));
            figures.get(METRICS[1])[0] = median(rounds.get(3));
            BenchLog.log(
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
            figures.get(METRICS[2])[0] =
                    loads.loadTime("ours, 50 events", budget, i -> engine.readEvents(loadAggregate(i)));
            figures.get(METRICS[2])[2] = loads.loadTime("raw, 50 events", budget, i -> {
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
                    loads.loadTime("ours, snapshot + 9", budget, i -> store.readEvents(loadAggregate(50 + i)));
            MongoCollection<BsonDocument> snapshots = database.getCollection("snapshots", BsonDocument.class);
            figures.get(METRICS[3])[2] = loads.loadTime("raw, snapshot + 9", budget, i -> {
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
            BenchLog.log(
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
        try (BenchServer server = BenchServer.start(backend, options);
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
            BenchLog.log("filled %,d events for the stock engine in %.1f s", size, BenchLog.seconds(started));
            Duration budget = options.stockBudget();
            warmUp(engine, size);
            List<Figure> one = new ArrayList<>();
            List<Figure> eight = new ArrayList<>();
            for (int round = 0; round < options.appendRounds(); round++) {
                one.add(appends.appendRate(
                        1, options.appends(), budget, (thread, i) -> engine.appendEvents(appendEvent("one-" + i))));
                eight.add(appends.appendRate(
                        8,
                        options.appends(),
                        budget,
                        (thread, i) -> engine.appendEvents(appendEvent("eight-" + thread + "-" + i))));
            }
            figures.get(METRICS[0])[1] = median(one);
            figures.get(METRICS[1])[1] = median(eight);
            EmbeddedEventStore store =
                    EmbeddedEventStore.builder().storageEngine(engine).build();
            figures.get(METRICS[2])[1] =
                    loads.loadTime("stock, 50 events", budget, i -> engine.readEvents(loadAggregate(i)));
            for (int i = 0; i < options.loads(); i++) {
                engine.storeSnapshot(snapshot(loadAggregate(50 + i)));
            }
            figures.get(METRICS[3])[1] =
                    loads.loadTime("stock, snapshot + 9", budget, i -> store.readEvents(loadAggregate(50 + i)));
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
        BenchLog.log("warmed up in %.1f s", BenchLog.seconds(started));
    }
}
