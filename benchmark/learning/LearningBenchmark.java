import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The learning benchmark (issue 10), against a running system, through REST only. JDK 17, no build:
 *
 * <pre>
 *   java benchmark/learning/LearningBenchmark.java --command http://127.0.0.1:18280 --query http://127.0.0.1:18281 \
 *       [--students 1000] [--items 50] [--clients "1 16 32"] [--duration 10] [--warmup 3] [--get-clients 50]
 * </pre>
 *
 * <p>Set-up (not measured): an instructor signs up and publishes a course of {@code items} videos; {@code students}
 * students sign up, sign in and enroll (16 client threads). Then, for each number of clients: {@code warmup} s of
 * unmeasured and {@code duration} s of measured {@code POST /api/enrollments/{id}/progress} ("started" with a new
 * figure each time, so every command stores an event), each client working through its own share of the
 * students: commands/s, p50, p99. After the last phase each client sends one more command on an item nobody
 * touched yet, and the benchmark polls until the enrollment document carries that command's version and the
 * progress documents hold that item: the read-model lag after the last command (max over the clients). Last,
 * {@code GET /api/enrollments/{id}} at {@code get-clients} clients, each as the enrollment's student. The start of
 * each measured phase is printed to stderr with its time, so that a profiler or a CPU reading can be aimed at it.
 */
public final class LearningBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{24})\"");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private record Student(String token, String enrollmentId) {}

    private record Sample(long[] nanos, int count, int errors, double seconds) {}

    private static String command;
    private static String query;

    public static void main(String[] args) throws Exception {
        int students = 1000, items = 50, duration = 10, warmup = 3, getClients = 50;
        int[] clients = {1, 16, 32};
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--command" -> command = args[i + 1];
                case "--query" -> query = args[i + 1];
                case "--students" -> students = Integer.parseInt(args[i + 1]);
                case "--items" -> items = Integer.parseInt(args[i + 1]);
                case "--duration" -> duration = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--get-clients" -> getClients = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Arrays.stream(args[i + 1].trim().split("\\s+"))
                        .mapToInt(Integer::parseInt)
                        .toArray();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long t0 = System.nanoTime();
        String teacher = signUpAndIn("instructor");
        String courseId = match(ID, send("POST", command + "/api/courses", teacher, """
                {"title": "Benchmark course", "description": "Fifty videos", "category": "programming",
                 "level": "beginner", "price": {"amount": 0, "currency": "EUR"}}""", 201));
        List<String> content = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            content.add(match(ID, send("POST", command + "/api/courses/" + courseId + "/content", teacher, """
                    {"type": "video", "title": "Video %d", "order": %d}""".formatted(i, i), 201)));
        }
        send("POST", command + "/api/courses/" + courseId + "/publish", teacher, null, 200);
        Student[] enrolled = new Student[students];
        parallel(16, students, i -> {
            String token = signUpAndIn("student");
            String id = match(ID, send("POST", command + "/api/courses/" + courseId + "/enrollments", token, null, 201));
            enrolled[i] = new Student(token, id);
        });
        System.out.printf(
                Locale.ROOT, "set-up: %d students enrolled in a course of %d items in %.0f s%n",
                students, items, (System.nanoTime() - t0) / 1e9);

        List<String> measured = content.subList(0, items - 1);
        String lastItem = content.get(items - 1);
        System.out.println("| progress commands | clients | commands/s | p50 ms | p99 ms | errors |");
        System.out.println("|---|---|---|---|---|---|");
        for (int c : clients) {
            load(c, warmup, enrolled, measured);
            System.err.printf(Locale.ROOT, "[%s] measuring %d clients for %d s%n", Instant.now(), c, duration);
            Sample s = load(c, duration, enrolled, measured);
            System.out.printf(
                    Locale.ROOT, "| POST progress | %d | %.0f | %.1f | %.1f | %d |%n",
                    c, s.count() / s.seconds(), pct(s, 50), pct(s, 99), s.errors());
        }
        lag(clients[clients.length - 1], enrolled, lastItem);
        get(getClients, warmup, enrolled);
        System.err.printf(Locale.ROOT, "[%s] measuring GET at %d clients for %d s%n", Instant.now(), getClients, duration);
        Sample g = get(getClients, duration, enrolled);
        System.out.println("| read | clients | requests/s | p50 ms | p99 ms | errors |");
        System.out.println("|---|---|---|---|---|---|");
        System.out.printf(
                Locale.ROOT, "| GET /api/enrollments/{id} | %d | %.0f | %.1f | %.1f | %d |%n",
                getClients, g.count() / g.seconds(), pct(g, 50), pct(g, 99), g.errors());
    }

    /** Each client works through its own students (so no two clients write one enrollment at once). */
    private static Sample load(int clients, int seconds, Student[] students, List<String> items) throws Exception {
        return timed(clients, seconds, (client, n) -> {
            Student s = students[(client + n * clients) % students.length];
            String body = """
                    {"content_id": "%s", "status": "started", "progress": %d}"""
                    .formatted(items.get(n % items.size()), n % 100);
            return request("POST", command + "/api/enrollments/" + s.enrollmentId() + "/progress", s.token(), body)
                            .statusCode()
                    == 200;
        });
    }

    private static Sample get(int clients, int seconds, Student[] students) throws Exception {
        return timed(clients, seconds, (client, n) -> {
            Student s = students[(client * 7919 + n) % students.length];
            return request("GET", query + "/api/enrollments/" + s.enrollmentId(), s.token(), null)
                            .statusCode()
                    == 200;
        });
    }

    /** One last command per client on an item nobody touched, then how long until both read models show it. */
    private static void lag(int clients, Student[] students, String item) throws Exception {
        long[] sentAt = new long[clients];
        long[] versions = new long[clients];
        for (int c = 0; c < clients; c++) {
            Student s = students[c];
            String answer = send("POST", command + "/api/enrollments/" + s.enrollmentId() + "/progress", s.token(), """
                    {"content_id": "%s", "status": "started", "progress": 1}""".formatted(item), 200);
            sentAt[c] = System.nanoTime();
            versions[c] = Long.parseLong(match(VERSION, answer));
        }
        long enrollmentsDone = 0, progressDone = 0;
        for (int c = 0; c < clients; c++) {
            Student s = students[c];
            while (true) {
                HttpResponse<String> r = request("GET", query + "/api/enrollments/" + s.enrollmentId(), s.token(), null);
                String etag = r.headers().firstValue("ETag").orElse("\"-1\"").replace("\"", "");
                if (r.statusCode() == 200 && Long.parseLong(etag) >= versions[c]) {
                    enrollmentsDone = Math.max(enrollmentsDone, System.nanoTime() - sentAt[c]);
                    break;
                }
                Thread.sleep(1);
            }
            while (true) {
                HttpResponse<String> r =
                        request("GET", query + "/api/enrollments/" + s.enrollmentId() + "/progress?size=100", s.token(), null);
                if (r.statusCode() == 200 && r.body().contains(item)) {
                    progressDone = Math.max(progressDone, System.nanoTime() - sentAt[c]);
                    break;
                }
                Thread.sleep(1);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "read-model lag after the last command (max over %d clients, polled every ms): enrollments %.0f ms,"
                        + " progress %.0f ms%n",
                clients, enrollmentsDone / 1e6, progressDone / 1e6);
    }

    private interface Call {
        boolean run(int client, int n) throws Exception;
    }

    private static Sample timed(int clients, int seconds, Call call) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> futures = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    if (!call.run(client, n)) {
                        errors.incrementAndGet();
                    }
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, lat.length * 2);
                    }
                    lat[n++] = System.nanoTime() - t;
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> f : futures) {
            all.add(f.get());
        }
        double took = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Sample(merged, merged.length, errors.get(), took);
    }

    private static double pct(Sample s, int p) {
        if (s.count() == 0) {
            return Double.NaN;
        }
        return s.nanos()[Math.min(s.count() - 1, (int) Math.ceil(p / 100.0 * s.count()) - 1)] / 1e6;
    }

    private static String signUpAndIn(String role) {
        String name = role.substring(0, 3) + "-" + Long.toHexString(System.nanoTime()) + "-"
                + Integer.toHexString((int) (Math.random() * 1e9));
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
