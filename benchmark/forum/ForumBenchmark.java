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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forum benchmark (issue 11), against a running system, through REST only. JDK 17, no build:
 *
 * <pre>
 *   java benchmark/forum/ForumBenchmark.java --command http://127.0.0.1:18580 --query http://127.0.0.1:18581 \
 *       [--posts 100000] [--small 100] [--seed-clients 32] [--clients 16] [--duration 10] [--warmup 3]
 *       [--get-clients 50] [--cold-samples 5] [--evict 60] [--students 10000]
 * </pre>
 *
 * <p>Set-up: an instructor publishes a course and opens two forums; {@code small} and {@code posts} posts are
 * seeded into them through the command API ({@code seed-clients} clients, every other post a reply to an earlier
 * one; the seeding rate is printed). Then: post and reply latency at {@code clients} clients on the small forum and
 * on the big one (half new posts, half replies to a random seeded post); the cold load of the big forum (the first
 * post after {@code evict} other aggregates were touched, which pushes it out of an aggregate cache of that size: the
 * runner sets {@code lms.aggregate-cache.max-entries}); {@code GET /api/forums/{id}/posts} (a page of 20, a random
 * page of the first 100) at {@code get-clients} clients; last, {@code students} students enroll, the instructor adds
 * a content item, and the time until every student's {@code course_update} notification is readable is measured
 * (each student is polled until it is there; the figure includes one polling round).
 */
public final class ForumBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{24})\"");
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern USER = Pattern.compile("\"user_id\"\\s*:\\s*\"([0-9a-f]{24})\"");

    private record Sample(long[] nanos, int count, int errors, double seconds) {}

    private record Student(String id, String token) {}

    private static String command;
    private static String query;
    private static String teacher;

    public static void main(String[] args) throws Exception {
        int posts = 100_000, small = 100, seedClients = 32, clients = 16, duration = 10, warmup = 3;
        int getClients = 50, coldSamples = 5, evict = 60, students = 10_000;
        for (int i = 0; i < args.length; i += 2) {
            int value = i + 1 < args.length && args[i + 1].matches("\\d+") ? Integer.parseInt(args[i + 1]) : -1;
            switch (args[i]) {
                case "--command" -> command = args[i + 1];
                case "--query" -> query = args[i + 1];
                case "--posts" -> posts = value;
                case "--small" -> small = value;
                case "--seed-clients" -> seedClients = value;
                case "--clients" -> clients = value;
                case "--duration" -> duration = value;
                case "--warmup" -> warmup = value;
                case "--get-clients" -> getClients = value;
                case "--cold-samples" -> coldSamples = value;
                case "--evict" -> evict = value;
                case "--students" -> students = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        teacher = signUpAndIn("instructor").token();
        String courseId = match(ID, send("POST", command + "/api/courses", teacher, """
                {"title": "Forum benchmark", "description": "A busy forum", "category": "programming",
                 "level": "beginner", "price": {"amount": 0, "currency": "EUR"}}""", 201));
        send("POST", command + "/api/courses/" + courseId + "/content", teacher, """
                {"type": "video", "title": "Welcome", "order": 0}""", 201);
        send("POST", command + "/api/courses/" + courseId + "/publish", teacher, null, 200);
        String smallForum = forum(courseId, "Small");
        String bigForum = forum(courseId, "Big");
        List<String> smallPosts = seed(smallForum, small, seedClients);
        long t0 = System.nanoTime();
        List<String> bigPosts = seed(bigForum, posts, seedClients);
        double seedSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
                Locale.ROOT, "seeded %d posts through POST /api/forums/{id}/posts at %d clients in %.0f s (%.0f posts/s)%n",
                posts, seedClients, seedSeconds, posts / seedSeconds);

        System.out.println("| posting | forum size | clients | posts/s | p50 ms | p99 ms | errors |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String[] round : new String[][] {{smallForum, "small"}, {bigForum, "big"}, {smallForum, "small"}}) {
            List<String> parents = round[1].equals("small") ? smallPosts : bigPosts;
            int size = round[1].equals("small") ? small : posts;
            postLoad(round[0], parents, clients, warmup);
            Sample s = postLoad(round[0], parents, clients, duration);
            System.out.printf(
                    Locale.ROOT, "| post + reply | %,d | %d | %.0f | %.1f | %.1f | %d |%n",
                    size, clients, s.count() / s.seconds(), pct(s, 50), pct(s, 99), s.errors());
        }
        cold(courseId, bigForum, posts, coldSamples, evict);
        cold(courseId, smallForum, small, coldSamples, evict);

        Sample g0 = pages(bigForum, getClients, warmup, posts);
        Sample g = pages(bigForum, getClients, duration, posts);
        System.out.println("| read | forum size | clients | requests/s | p50 ms | p99 ms | errors |");
        System.out.println("|---|---|---|---|---|---|---|");
        System.out.printf(
                Locale.ROOT, "| GET /api/forums/{id}/posts (page of 20) | %,d | %d | %.0f | %.1f | %.1f | %d |%n",
                posts, getClients, g.count() / g.seconds(), pct(g, 50), pct(g, 99), g.errors() + 0 * g0.count());

        if (students > 0) {
            fanOut(courseId, students, seedClients);
        }
    }

    private static String forum(String courseId, String title) {
        return match(ID, send("POST", command + "/api/courses/" + courseId + "/forums", teacher, """
                {"title": "%s", "description": "benchmark"}""".formatted(title), 201));
    }

    /** {@code n} posts, every other one a reply to a random earlier post; answers the posts' ids. */
    private static List<String> seed(String forumId, int n, int clients) throws Exception {
        String[] ids = new String[n];
        AtomicInteger written = new AtomicInteger();
        parallel(clients, n, i -> {
            int done = written.get();
            String parent = i % 2 == 1 && done > 0 ? ids[ThreadLocalRandom.current().nextInt(Math.min(done, i))] : null;
            ids[i] = match(ID, send("POST", command + "/api/forums/" + forumId + "/posts", teacher, body(i, parent), 201));
            written.incrementAndGet();
        });
        List<String> all = new ArrayList<>();
        for (String id : ids) {
            if (id != null) {
                all.add(id);
            }
        }
        return all;
    }

    private static String body(int n, String parent) {
        String content = "Post number " + n + ": a question about the course, with a few words of context.";
        return parent == null || parent.isEmpty()
                ? "{\"content\": \"" + content + "\"}"
                : "{\"content\": \"" + content + "\", \"parent_post_id\": \"" + parent + "\"}";
    }

    private static Sample postLoad(String forumId, List<String> parents, int clients, int seconds) throws Exception {
        return timed(clients, seconds, (client, n) -> {
            String parent = n % 2 == 1 ? parents.get(ThreadLocalRandom.current().nextInt(parents.size())) : null;
            return request("POST", command + "/api/forums/" + forumId + "/posts", teacher, body(n, parent))
                            .statusCode()
                    == 201;
        });
    }

    /**
     * The first post after {@code evict} commands on other aggregates (edits of throwaway forums) pushed the forum out
     * of the aggregate cache: that command loads the forum from its snapshot and the events after it.
     */
    private static void cold(String courseId, String forumId, int size, int samples, int evict) {
        List<String> others = new ArrayList<>();
        for (int i = 0; i < evict; i++) {
            others.add(forum(courseId, "Throwaway " + i));
        }
        long[] warm = new long[samples];
        long[] cold = new long[samples];
        for (int s = 0; s < samples; s++) {
            for (String other : others) {
                send("PATCH", command + "/api/forums/" + other, teacher, "{\"title\": \"Throwaway " + s + "\"}", 200);
            }
            long t = System.nanoTime();
            send("POST", command + "/api/forums/" + forumId + "/posts", teacher, body(s, null), 201);
            cold[s] = System.nanoTime() - t;
            t = System.nanoTime();
            send("POST", command + "/api/forums/" + forumId + "/posts", teacher, body(s, null), 201);
            warm[s] = System.nanoTime() - t;
        }
        Arrays.sort(cold);
        Arrays.sort(warm);
        System.out.printf(
                Locale.ROOT,
                "cold post (forum of %,d posts, out of the cache; %d samples): median %.1f ms, max %.1f ms; the next"
                        + " (warm) post: median %.1f ms%n",
                size, samples, cold[samples / 2] / 1e6, cold[samples - 1] / 1e6, warm[samples / 2] / 1e6);
    }

    private static Sample pages(String forumId, int clients, int seconds, int posts) throws Exception {
        int pages = Math.max(1, Math.min(100, posts / 20));
        return timed(clients, seconds, (client, n) -> {
            int page = ThreadLocalRandom.current().nextInt(pages);
            return request("GET", query + "/api/forums/" + forumId + "/posts?size=20&page=" + page, teacher, null)
                            .statusCode()
                    == 200;
        });
    }

    /** {@code n} students enroll; one content item is added; every student is polled until the update is there. */
    private static void fanOut(String courseId, int n, int clients) throws Exception {
        long t0 = System.nanoTime();
        Student[] enrolled = new Student[n];
        parallel(clients, n, i -> {
            Student s = signUpAndIn("student");
            send("POST", command + "/api/courses/" + courseId + "/enrollments", s.token(), null, 201);
            enrolled[i] = s;
        });
        System.out.printf(Locale.ROOT, "fan-out set-up: %,d students enrolled in %.0f s%n", n, (System.nanoTime() - t0) / 1e9);
        // every enrollment is in the notifications read model before the update (so the wait measures the fan-out)
        Thread.sleep(5_000);
        long sent = System.nanoTime();
        send("POST", command + "/api/courses/" + courseId + "/content", teacher, """
                {"type": "video", "title": "News", "order": 1}""", 201);
        long answered = System.nanoTime();
        Set<Integer> waiting = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < n; i++) {
            waiting.add(i);
        }
        int rounds = 0;
        long lastRound = 0;
        while (!waiting.isEmpty()) {
            long roundStart = System.nanoTime();
            List<Integer> now = new ArrayList<>(waiting);
            parallel(clients, now.size(), k -> {
                Student s = enrolled[now.get(k)];
                HttpResponse<String> r =
                        request("GET", query + "/api/users/" + s.id() + "/notifications?size=5", s.token(), null);
                if (r.statusCode() == 200 && r.body().contains("course_update")) {
                    waiting.remove(now.get(k));
                }
            });
            rounds++;
            lastRound = System.nanoTime() - roundStart;
            if ((System.nanoTime() - sent) / 1e9 > 120) {
                break;
            }
        }
        long done = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "course_update to %,d students: command answered in %.0f ms; every notification readable %.0f ms after"
                        + " the command was sent (%d polling rounds over the students, the last took %.0f ms; %d never"
                        + " seen)%n",
                n, (answered - sent) / 1e6, (done - sent) / 1e6, rounds, lastRound / 1e6, waiting.size());
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

    private static Student signUpAndIn(String role) {
        String name = role.substring(0, 3) + "-" + Long.toHexString(System.nanoTime()) + "-"
                + Integer.toHexString((int) (Math.random() * 1e9));
        String created = send("POST", command + "/api/users", null, """
                {"username": "%s", "email": "%s@example.com", "password": "password-of-%s", "role": "%s"}"""
                .formatted(name, name, name, role), 201);
        String token = match(TOKEN, send("POST", command + "/api/auth/token", null, """
                {"login": "%s", "password": "password-of-%s"}""".formatted(name, name), 200));
        return new Student(match(ID, created), token);
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
