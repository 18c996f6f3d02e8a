package io.lms.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.lms.embedded.Durability;
import io.lms.embedded.EmbeddedMongo;
import io.lms.eventstore.MongoIndexedEventStorageEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

/**
 * The embedded server's two costs and gains of issue 16, measured interleaved in short slices so that the
 * shared machine's swings hit every variant alike:
 *
 * <ol>
 *   <li>event appends through the event-store engine (as the command side configures it: group commit, index
 *       pool) on the H2 backend by durability ({@code none}, {@code commit}, {@code fsync}), with 1 and 8 writing
 *       threads; {@code --raw-inserts} measures single-document driver inserts instead;
 *   <li>a foreign-key page ({@code find({student_id}).sort({created_at: -1}).limit(20)}) with and without a
 *       secondary index on {@code student_id}, on both backends, and what the index costs an insert.
 * </ol>
 *
 * <p>{@code java -cp ... io.lms.benchmark.EmbeddedStoreBenchmark [--sizes 1000,100000] [--rounds 5]
 * [--slice-seconds 2] [--backends memory,h2] [--skip-durability] [--skip-queries] [--raw-inserts]}
 */
public final class EmbeddedStoreBenchmark {

    static {
        // the embedded server's quiet logging setup, instead of logback's debug default
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "embedded-mongo-logback.xml");
        }
    }

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
            .build();
    private static final int DOCUMENTS_PER_STUDENT = 50;
    private static final int BATCH = 1_000;

    private final int rounds;
    private final double sliceSeconds;
    private final boolean rawInserts;
    /** The engines of the current durability run, whose index pools are released before their clients close. */
    private final List<MongoIndexedEventStorageEngine> engines = new ArrayList<>();

    private EmbeddedStoreBenchmark(int rounds, double sliceSeconds, boolean rawInserts) {
        this.rounds = rounds;
        this.sliceSeconds = sliceSeconds;
        this.rawInserts = rawInserts;
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(1_000, 100_000);
        List<String> backends = List.of("memory", "h2");
        int rounds = 5;
        double slice = 2;
        boolean durability = true;
        boolean queries = true;
        boolean rawInserts = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(","))
                        .map(Integer::parseInt)
                        .toList();
                case "--backends" -> backends = List.of(args[++i].split(","));
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--slice-seconds" -> slice = Double.parseDouble(args[++i]);
                case "--skip-durability" -> durability = false;
                case "--skip-queries" -> queries = false;
                case "--raw-inserts" -> rawInserts = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        EmbeddedStoreBenchmark benchmark = new EmbeddedStoreBenchmark(rounds, slice, rawInserts);
        System.out.printf(
                Locale.ROOT,
                "embedded store benchmark, %s, %d cores, %d rounds of %.1f s slices%n",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                rounds,
                slice);
        if (durability) {
            for (int threads : List.of(1, 8)) {
                benchmark.insertRateByDurability(threads);
            }
        }
        if (queries) {
            for (String backend : backends) {
                for (int size : sizes) {
                    benchmark.foreignKeyPage(backend, size);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ durability

    private void insertRateByDurability(int threads) throws Exception {
        Map<Durability, EmbeddedMongo> servers = new LinkedHashMap<>();
        Map<Durability, MongoClient> clients = new LinkedHashMap<>();
        Map<Durability, Runnable> writes = new LinkedHashMap<>();
        Map<Durability, List<Double>> rates = new LinkedHashMap<>();
        List<Path> folders = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Durability durability : Durability.values()) {
                Path folder = Files.createTempDirectory("lms-embedded-bench-");
                folders.add(folder);
                EmbeddedMongo server = EmbeddedMongo.persistent(folder, "127.0.0.1", 0, durability);
                servers.put(durability, server);
                MongoClient client = MongoClients.create(server.connectionString());
                clients.put(durability, client);
                writes.put(durability, oneWrite(client.getDatabase("lms")));
                rates.put(durability, new ArrayList<>());
            }
            for (int round = -1; round < rounds; round++) { // round -1 warms up
                for (Durability durability : Durability.values()) {
                    double rate = writeSlice(writes.get(durability), threads, pool);
                    if (round >= 0) {
                        rates.get(durability).add(rate);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
            engines.forEach(MongoIndexedEventStorageEngine::releaseIndexPool);
            engines.clear();
            clients.values().forEach(MongoClient::close);
            servers.values().forEach(EmbeddedMongo::close);
            folders.forEach(EmbeddedStoreBenchmark::deleteRecursively);
        }
        double none = median(rates.get(Durability.NONE));
        for (Durability durability : Durability.values()) {
            List<Double> measured = rates.get(durability);
            System.out.printf(
                    Locale.ROOT,
                    "%s h2  threads=%d  durability=%-6s  median %8.0f /s  (%.2fx none)  rounds %s%n",
                    rawInserts ? "insert (driver)" : "append (engine)",
                    threads,
                    durability.name().toLowerCase(Locale.ROOT),
                    median(measured),
                    median(measured) / none,
                    format(measured));
        }
    }

    /**
     * One write of the durability figure: an event appended through the engine as the services configure it
     * (one event per append, as a command that applies one event; index pool of 64 taken ahead), or with
     * {@code --raw-inserts} one event-like document inserted through the driver.
     */
    private Runnable oneWrite(MongoDatabase database) {
        if (rawInserts) {
            MongoCollection<Document> events = database.getCollection("raw_events");
            return () -> events.insertOne(event());
        }
        MongoIndexedEventStorageEngine engine = MongoIndexedEventStorageEngine.builder()
                .mongoDatabase(database)
                .eventSerializer(SERIALIZER)
                .snapshotSerializer(SERIALIZER)
                .indexPool(64, Duration.ofMillis(20))
                .build();
        engines.add(engine);
        AtomicLong aggregates = new AtomicLong();
        return () -> engine.appendEvents(BenchData.appendEvent("agg-" + aggregates.incrementAndGet()));
    }

    private double writeSlice(Runnable write, int threads, ExecutorService pool) throws Exception {
        long end = System.nanoTime() + (long) (sliceSeconds * 1e9);
        AtomicLong written = new AtomicLong();
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    write.run();
                    written.incrementAndGet();
                }
            }));
        }
        for (Future<?> future : running) {
            future.get();
        }
        return written.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static Document event() {
        return new Document("aggregate_id", Long.toHexString(System.nanoTime()))
                .append("sequence", 0)
                .append("type", "io.lms.api.user.UserRegisteredEvent")
                .append("payload", "x".repeat(400))
                .append("timestamp", Instant.now().toString());
    }

    // ------------------------------------------------------------------------------------------ indexes

    private void foreignKeyPage(String backend, int size) throws Exception {
        // the twin without the index on a server of its own: on H2 its full scans would otherwise share (and
        // flush) the page cache that the indexed collection's reads depend on
        Path folder = Files.createTempDirectory("lms-embedded-bench-");
        Path twinFolder = Files.createTempDirectory("lms-embedded-bench-");
        try (EmbeddedMongo server = open(backend, folder);
                EmbeddedMongo twin = open(backend, twinFolder);
                MongoClient client = MongoClients.create(server.connectionString());
                MongoClient twinClient = MongoClients.create(twin.connectionString())) {
            MongoCollection<Document> indexed = client.getDatabase("lms").getCollection("indexed");
            MongoCollection<Document> plain = twinClient.getDatabase("lms").getCollection("plain");
            indexed.createIndex(Indexes.ascending("student_id"));
            double[] insertSeconds = fill(indexed, plain, size);
            System.out.printf(
                    Locale.ROOT,
                    "fill    %-6s size=%-8d insertMany of %d: %.0f docs/s with the index, %.0f without (%.2fx)%n",
                    backend,
                    size,
                    BATCH,
                    size / insertSeconds[0],
                    size / insertSeconds[1],
                    insertSeconds[1] / insertSeconds[0]);
            int students = Math.max(1, size / DOCUMENTS_PER_STUDENT);
            Random random = new Random(size);
            List<Double> withIndex = new ArrayList<>();
            List<Double> without = new ArrayList<>();
            for (int round = -1; round < rounds; round++) {
                double a = pageRate(() -> page(indexed, random.nextInt(students)));
                double b = pageRate(() -> page(plain, random.nextInt(students)));
                if (round >= 0) {
                    withIndex.add(a);
                    without.add(b);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "page    %-6s size=%-8d indexed %9.1f pages/s  unindexed %9.1f pages/s  (%.1fx)  rounds %s | %s%n",
                    backend,
                    size,
                    median(withIndex),
                    median(without),
                    median(withIndex) / median(without),
                    format(withIndex),
                    format(without));
        } finally {
            deleteRecursively(folder);
            deleteRecursively(twinFolder);
        }
    }

    private static EmbeddedMongo open(String backend, Path folder) {
        return backend.equals("h2")
                ? EmbeddedMongo.persistent(folder, "127.0.0.1", 0, Durability.COMMIT)
                : EmbeddedMongo.inMemory();
    }

    /** Fills both collections alike, batch by batch in turn; answers the seconds spent on each. */
    private static double[] fill(MongoCollection<Document> indexed, MongoCollection<Document> plain, int size) {
        int students = Math.max(1, size / DOCUMENTS_PER_STUDENT);
        Random random = new Random(42);
        double[] seconds = new double[2];
        for (int done = 0; done < size; done += BATCH) {
            List<Document> batch = new ArrayList<>();
            for (int i = done; i < Math.min(size, done + BATCH); i++) {
                batch.add(new Document("_id", i)
                        .append("student_id", random.nextInt(students))
                        .append("created_at", Instant.ofEpochSecond(1_700_000_000L + i))
                        .append("status", "active"));
            }
            seconds[0] += timed(() -> indexed.insertMany(copies(batch)));
            seconds[1] += timed(() -> plain.insertMany(copies(batch)));
        }
        return seconds;
    }

    private static List<Document> copies(List<Document> batch) {
        return batch.stream().map(Document::new).toList();
    }

    private static long page(MongoCollection<Document> collection, int student) {
        return collection
                .find(Filters.eq("student_id", student))
                .sort(Sorts.descending("created_at"))
                .limit(20)
                .into(new ArrayList<>())
                .size();
    }

    /** Pages per second over one slice (at least one page). */
    private double pageRate(LongSupplier page) {
        long start = System.nanoTime();
        long end = start + (long) (sliceSeconds * 1e9);
        int pages = 0;
        do {
            page.getAsLong();
            pages++;
        } while (System.nanoTime() < end);
        return pages / ((System.nanoTime() - start) / 1e9);
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static double timed(Runnable action) {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(List<Double> values) {
        return values.stream()
                .map(v -> String.format(Locale.ROOT, "%.0f", v))
                .reduce((a, b) -> a + " " + b)
                .orElse("");
    }

    private static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
