import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replay benchmark (issue 12), against a running system, through REST only. JDK 17, no build:
 *
 * <pre>
 *   java benchmark/replay/ReplayBenchmark.java --command http://127.0.0.1:18180 --query http://127.0.0.1:18181 \
 *       --admin admin --admin-password secret [--events 60000] [--courses 20] [--students 200] [--readers 8]
 * </pre>
 *
 * <p>Set-up (not measured): {@code courses} published courses of 10 videos, {@code students} students enrolled in
 * one each, then progress commands at 16 clients until the event store holds about {@code events} events (every
 * one of them an event of the {@code courses} group). Then {@code readers} clients read the catalog and single
 * courses for 10 s (the baseline), and again while {@code POST /api/admin/projections/courses/replay} runs, until
 * the projection's status is {@code running} again: events replayed per second (the event store's head over the
 * time from the POST to the switch, as seen by polling every 50 ms), and the reads' p50, p99 and max latency and
 * errors, without and with the replay.
 */
public final class ReplayBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{24})\"");
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern HEAD = Pattern.compile("\"head\"\\s*:\\s*(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z]+)\"");

    private record Student(String token, String enrollmentId, List<String> items) {}

    private record Reads(long[] nanos, int count, int errors) {}

    private static String command;
    private static String query;

    public static void main(String[] args) throws Exception {
        int events = 60_000, courses = 20, students = 200, readers = 8;
        String admin = "admin", adminPassword = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--command" -> command = args[i + 1];
                case "--query" -> query = args[i + 1];
                case "--admin" -> admin = args[i + 1];
                case "--admin-password" -> adminPassword = args[i + 1];
                case "--events" -> events = Integer.parseInt(args[i + 1]);
                case "--courses" -> courses = Integer.parseInt(args[i + 1]);
                case "--students" -> students = Integer.parseInt(args[i + 1]);
                case "--readers" -> readers = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long t0 = System.nanoTime();
        String adminToken = match(TOKEN, send("POST", command + "/api/auth/token", null, """
                {"login": "%s", "password": "%s"}""".formatted(admin, adminPassword), 200));
        List<String> courseIds = new ArrayList<>();
        List<List<String>> content = new ArrayList<>();
        String teacher = signUpAndIn("instructor");
        for (int c = 0; c < courses; c++) {
            String id = match(ID, send("POST", command + "/api/courses", teacher, """
                    {"title": "Replay course %d", "description": "Ten videos", "category": "programming",
                     "level": "beginner", "price": {"amount": 0, "currency": "EUR"}}""".formatted(c), 201));
            List<String> items = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                items.add(match(ID, send("POST", command + "/api/courses/" + id + "/content", teacher, """
                        {"type": "video", "title": "Video %d", "order": %d}""".formatted(i, i), 201)));
            }
            send("POST", command + "/api/courses/" + id + "/publish", teacher, null, 200);
            courseIds.add(id);
            content.add(items);
        }
        Student[] enrolled = new Student[students];
        parallel(16, students, i -> {
            String token = signUpAndIn("student");
            String course = courseIds.get(i % courseIds.size());
            String id = match(ID, send("POST", command + "/api/courses/" + course + "/enrollments", token, null, 201));
            enrolled[i] = new Student(token, id, content.get(i % courseIds.size()));
        });
        int commands = Math.max(0, events - head(adminToken));
        AtomicInteger sent = new AtomicInteger();
        parallel(16, 16, client -> {
            for (int n = sent.getAndIncrement(); n < commands; n = sent.getAndIncrement()) {
                Student s = enrolled[n % enrolled.length];
                send("POST", command + "/api/enrollments/" + s.enrollmentId() + "/progress", s.token(), """
                        {"content_id": "%s", "status": "started", "progress": %d}"""
                        .formatted(s.items().get(n % s.items().size()), n % 100), 200);
            }
        });
        awaitStatus(adminToken, "running", 0);
        int head = head(adminToken);
        System.out.printf(Locale.ROOT, "set-up: %d events in the store in %.0f s%n", head, (System.nanoTime() - t0) / 1e9);

        Reads baseline = read(readers, courseIds, () -> sleep(10_000));
        long[] replay = new long[1];
        Reads during = read(readers, courseIds, () -> {
            long start = System.nanoTime();
            send("POST", query + "/api/admin/projections/courses/replay", adminToken, null, 202);
            awaitStatus(adminToken, "running", 50);
            replay[0] = System.nanoTime() - start;
        });
        double seconds = replay[0] / 1e9;
        System.out.println("| replay of courses | events | seconds | events/s |");
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| POST .../courses/replay until running | %d | %.1f | %.0f |%n", head, seconds, head / seconds);
        System.out.println("| reads (" + readers + " clients: catalog page, one course) | reads | p50 ms | p99 ms | max ms | errors |");
        System.out.println("|---|---|---|---|---|---|");
        row("without a replay (10 s)", baseline);
        row("during the replay", during);
    }

    private static void row(String what, Reads r) {
        System.out.printf(
                Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %d |%n",
                what, r.count(), pct(r, 50), pct(r, 99), pct(r, 100), r.errors());
    }

    /** Readers alternate a catalog page and one course while {@code during} runs. */
    private static Reads read(int clients, List<String> courses, Runnable during) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        long[][] nanos = new long[clients][];
        int[] counts = new int[clients];
        int[] errors = new int[clients];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (running.get()) {
                    String url = n % 2 == 0
                            ? query + "/api/courses?page=" + (n / 2 % 3) + "&size=10"
                            : query + "/api/courses/" + courses.get((client + n) % courses.size());
                    long start = System.nanoTime();
                    int status = request("GET", url, null, null).statusCode();
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - start;
                    if (status != 200) {
                        errors[client]++;
                    }
                }
                nanos[client] = Arrays.copyOf(mine, n);
                counts[client] = n;
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
        return new Reads(all, Arrays.stream(counts).sum(), Arrays.stream(errors).sum());
    }

    private static double pct(Reads r, int p) {
        if (r.nanos().length == 0) {
            return 0;
        }
        int index = Math.min(r.nanos().length - 1, (int) Math.ceil(p / 100.0 * r.nanos().length) - 1);
        return r.nanos()[Math.max(0, index)] / 1e6;
    }

    private static int head(String adminToken) {
        return Integer.parseInt(match(HEAD, send("GET", query + "/api/admin/projections/courses", adminToken, null, 200)));
    }

    /** Polls until the projection has {@code status} and no lag. */
    private static void awaitStatus(String adminToken, String status, long pollMillis) {
        while (true) {
            String body = send("GET", query + "/api/admin/projections/courses", adminToken, null, 200);
            if (status.equals(match(STATUS, body)) && body.contains("\"lag_events\":0")) {
                return;
            }
            sleep(pollMillis == 0 ? 200 : pollMillis);
        }
    }

    private static String signUpAndIn(String role) {
        String name = role + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        send("POST", command + "/api/users", null, """
                {"username": "%s", "email": "%s@example.com", "password": "password-of-%s", "role": "%s"}"""
                .formatted(name, name, name, role), 201);
        return match(TOKEN, send("POST", command + "/api/auth/token", null, """
                {"login": "%s", "password": "password-of-%s"}""".formatted(name, name), 200));
    }

    private static void parallel(int threads, int n, IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            futures.add(pool.submit(() -> task.accept(index)));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String send(String method, String url, String token, String body, int expected) {
        HttpResponse<String> r = request(method, url, token, body);
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static HttpResponse<String> request(String method, String url, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
