package io.lms.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replay benchmark (issue 12), in two steps that {@code benchmark/replay/run-replay-benchmark.sh} runs around a
 * query side it starts:
 *
 * <pre>
 *   ReplayBenchmark seed    --mongo URI --events N
 *   ReplayBenchmark measure --query URL --secret BASE64 --started-at EPOCH_MS [--readers 8] [--replays list]
 * </pre>
 *
 * <p>{@code seed}: {@link ReplaySeed}. {@code measure}: with a token minted for an admin, waits until every
 * projection has built the history (the live catch-up, timed from the query side's start), reads the catalog and
 * single courses with {@code readers} clients for 10 s (the baseline), then runs the replays listed in
 * {@code replays} (projection names, and {@code all}: every projection's replay started at once), each while the
 * readers read, and prints for each its events/s (the event store's head over the time from the {@code POST}s to
 * the last switch, polled every 50 ms) and the reads' p50/p99/max latency and errors.
 */
public final class ReplayBenchmark {

    static {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "event-store-benchmark-logback.xml");
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private static final Pattern PROJECTION = Pattern.compile("\\{[^{}]*\"name\"\\s*:\\s*\"([a-z-]+)\"[^{}]*}");
    private static final Pattern HEAD = Pattern.compile("\"head\"\\s*:\\s*(\\d+)");
    private static final Pattern LAG = Pattern.compile("\"lag_events\"\\s*:\\s*(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*(\"[^\"]*\")");

    /** How often the replays' states are polled, and the projections' while they catch up. */
    private static final long REPLAY_POLL_MILLIS = 50;

    private static final long CATCH_UP_POLL_MILLIS = 200;

    private record Reads(long[] nanos, int errors) {}

    private final String query;
    private final String admin;

    private ReplayBenchmark(String query, String admin) {
        this.query = query;
        this.admin = admin;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        switch (args[0]) {
            case "seed" -> ReplaySeed.seed(
                    options.get("mongo"), Long.parseLong(options.getOrDefault("events", "100000")));
            case "measure" -> new ReplayBenchmark(
                            options.get("query"), AuditBenchmark.token(options.get("secret"), "admin"))
                    .measure(
                            Long.parseLong(options.get("started-at")),
                            Integer.parseInt(options.getOrDefault("readers", "8")),
                            List.of(options.getOrDefault("replays", "courses,all")
                                    .split(",")));
            default -> throw new IllegalArgumentException("seed or measure, not " + args[0]);
        }
    }

    private void measure(long startedAt, int readers, List<String> replays) throws Exception {
        Map<String, String> states = awaitCaughtUp();
        long head = head(states);
        double catchUp = (System.currentTimeMillis() - startedAt) / 1e3;
        System.out.printf(
                Locale.ROOT,
                "[replay-benchmark] live catch-up of %d projections (from the query side's start): %,d events in %.1f s,"
                        + " %,.0f events/s%n",
                states.size(),
                head,
                catchUp,
                head / catchUp);
        Reads baseline = read(readers, () -> sleep(10_000));
        System.out.println("| replay | events | seconds | events/s | reads | p50 ms | p99 ms | max ms | read errors |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        row("none (10 s of reads)", head, Double.NaN, baseline);
        for (String replay : replays) {
            List<String> names = replay.equals("all") ? new ArrayList<>(states.keySet()) : List.of(replay);
            double[] seconds = new double[1];
            Reads during = read(readers, () -> seconds[0] = replay(names));
            row(replay.equals("all") ? "all " + names.size() + " at once" : replay, head, seconds[0], during);
        }
        awaitCaughtUp();
    }

    private static void row(String what, long events, double seconds, Reads r) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %,d | %s | %s | %d | %.1f | %.1f | %.1f | %d |%n",
                what,
                events,
                Double.isNaN(seconds) ? "-" : String.format(Locale.ROOT, "%.1f", seconds),
                Double.isNaN(seconds) ? "-" : String.format(Locale.ROOT, "%,.0f", events / seconds),
                r.nanos().length,
                pct(r, 50),
                pct(r, 99),
                pct(r, 100),
                r.errors());
    }

    /** Starts the replays of {@code names} and answers the seconds until each has switched over. */
    private double replay(List<String> names) {
        long t0 = System.nanoTime();
        for (String name : names) {
            send("POST", query + "/api/admin/projections/" + name + "/replay", 202);
        }
        List<String> left = new ArrayList<>(names);
        while (!left.isEmpty()) {
            sleep(REPLAY_POLL_MILLIS);
            for (String name : List.copyOf(left)) {
                String body = send("GET", query + "/api/admin/projections/" + name, 200);
                String status = match(STATUS, body);
                if (status.equals("failed")) {
                    throw new IllegalStateException("replay of " + name + " failed: " + match(ERROR, body));
                }
                if (!status.equals("replaying")) {
                    left.remove(name);
                }
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Until every projection has no lag; answers each one's state by name. */
    private Map<String, String> awaitCaughtUp() {
        while (true) {
            Map<String, String> states = new java.util.LinkedHashMap<>();
            Matcher m = PROJECTION.matcher(send("GET", query + "/api/admin/projections", 200));
            boolean caughtUp = true;
            while (m.find()) {
                states.put(m.group(1), m.group());
                caughtUp &= match(LAG, m.group()).equals("0")
                        && match(STATUS, m.group()).equals("running")
                        && !match(HEAD, m.group()).equals("0");
            }
            if (caughtUp && !states.isEmpty()) {
                return states;
            }
            sleep(CATCH_UP_POLL_MILLIS);
        }
    }

    private static long head(Map<String, String> states) {
        return Long.parseLong(match(HEAD, states.values().iterator().next()));
    }

    /** Readers alternate a catalog page and one published course while {@code during} runs. */
    private Reads read(int clients, Runnable during) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        long[][] nanos = new long[clients][];
        int[] errors = new int[clients];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                long[] mine = new long[1 << 14];
                int n = 0;
                while (running.get()) {
                    String url = n % 2 == 0
                            ? query + "/api/courses?page=" + (n / 2 % 5) + "&size=10"
                            : query + "/api/courses/" + ReplayHistory.course((client * 31 + n) % ReplayHistory.COURSES);
                    long start = System.nanoTime();
                    int status = status(url);
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - start;
                    if (status != 200) {
                        errors[client]++;
                    }
                }
                nanos[client] = Arrays.copyOf(mine, n);
            }));
        }
        try {
            during.run();
        } finally {
            running.set(false);
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        long[] all = Arrays.stream(nanos).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Reads(all, Arrays.stream(errors).sum());
    }

    private static double pct(Reads r, int p) {
        if (r.nanos().length == 0) {
            return 0;
        }
        int index = Math.min(r.nanos().length - 1, (int) Math.ceil(p / 100.0 * r.nanos().length) - 1);
        return r.nanos()[Math.max(0, index)] / 1e6;
    }

    private static int status(String url) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(60))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private String send(String method, String url, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + admin)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String match(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + text);
        }
        return m.group(1);
    }
}
