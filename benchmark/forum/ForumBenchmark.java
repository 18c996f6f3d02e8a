import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.lms.api.notification.NotificationKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The forum benchmark (issue 11), against a running system whose history benchmark/forum/run-forum-benchmark.sh
 * seeded (io.lms.benchmark.ForumSeed: a course, {@code students} enrolled students, a forum of {@code posts}
 * posts). Run with the benchmark module's classpath (the MongoDB driver, shared-api):
 *
 * <pre>
 *   java -cp "$CP" benchmark/forum/ForumBenchmark.java --command http://127.0.0.1:18580 \
 *       --query http://127.0.0.1:18581 --mongo mongodb://127.0.0.1:18582 --seeded FILE --secret BASE64 \
 *       [--small 100] [--seed-clients 32] [--clients 16] [--duration 10] [--warmup 3] [--get-clients 50]
 *       [--cold-samples 5] [--evict 60] [--fan-out true]
 * </pre>
 *
 * <p>Tokens are signed with the system's key ({@code --secret}) for the seeded instructor and students. The
 * instructor opens a second forum and {@code small} posts are written into it through the command API (the
 * comparison). Then: the first command on the big forum (its first load: no snapshot yet, the whole history); post
 * and reply latency at {@code clients} clients, each a different seeded author (so every post passes the membership
 * check), half new posts and half replies to a random post, on the small forum, the big one, the small one, the
 * big one and the small one again; the cold load of both forums (the first post after {@code evict} other
 * aggregates were touched, which pushes the forum out of an aggregate cache of that size: the runner sets
 * {@code lms.aggregate-cache.max-entries}); {@code GET /api/forums/{id}/posts} (a page of 20, a random page of the
 * first 100) at {@code get-clients} clients; last, the instructor adds a content item, and the time until every
 * enrolled student's {@code course_update} notification is in the read model is measured (their deterministic ids
 * looked up by {@code _id} every 20 ms), then every student reads it through REST.
 */
public final class ForumBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{24})\"");
    private static final int AUTHORS = 500;

    private record Sample(long[] nanos, int count, int errors, double seconds) {}

    private static String command;
    private static String query;
    private static String secret;
    private static String teacher;
    private static List<String> authorTokens;

    public static void main(String[] args) throws Exception {
        int small = 100, seedClients = 32, clients = 16, duration = 10, warmup = 3;
        int getClients = 50, coldSamples = 5, evict = 60;
        String mongo = null, seeded = null;
        boolean fanOut = true;
        for (int i = 0; i < args.length; i += 2) {
            int value = i + 1 < args.length && args[i + 1].matches("\\d+") ? Integer.parseInt(args[i + 1]) : -1;
            switch (args[i]) {
                case "--command" -> command = args[i + 1];
                case "--query" -> query = args[i + 1];
                case "--mongo" -> mongo = args[i + 1];
                case "--seeded" -> seeded = args[i + 1];
                case "--secret" -> secret = args[i + 1];
                case "--small" -> small = value;
                case "--seed-clients" -> seedClients = value;
                case "--clients" -> clients = value;
                case "--duration" -> duration = value;
                case "--warmup" -> warmup = value;
                case "--get-clients" -> getClients = value;
                case "--cold-samples" -> coldSamples = value;
                case "--evict" -> evict = value;
                case "--fan-out" -> fanOut = Boolean.parseBoolean(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, List<String>> seed = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(seeded))) {
            int eq = line.indexOf('=');
            seed.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
        }
        String courseId = seed.get("course").get(0);
        String bigForum = seed.get("forum").get(0);
        List<String> students = seed.get("student");
        List<String> bigPosts = seed.get("post");
        int posts = Integer.parseInt(seed.get("posts").get(0));
        teacher = token(seed.get("instructor").get(0), "instructor");
        authorTokens = new ArrayList<>();
        for (int a = 0; a < Math.min(AUTHORS, students.size()); a++) {
            authorTokens.add(token(students.get(a), "student"));
        }

        String smallForum = forum(courseId, "Small");
        List<String> smallPosts = seed(smallForum, small, seedClients);
        long t = System.nanoTime();
        send("POST", command + "/api/forums/" + bigForum + "/posts", authorTokens.get(0), body(0, null), 201);
        System.out.printf(
                Locale.ROOT,
                "first post on the forum of %,d posts (its first load: no snapshot yet, the whole history): %.0f ms%n",
                posts, (System.nanoTime() - t) / 1e6);

        System.out.println("| posting | forum size | clients | posts/s | p50 ms | p99 ms | errors |");
        System.out.println("|---|---|---|---|---|---|---|");
        boolean big = false;
        for (int round = 0; round < 5; round++, big = !big) {
            List<String> parents = big ? bigPosts : smallPosts;
            String forumId = big ? bigForum : smallForum;
            postLoad(forumId, parents, clients, warmup);
            Sample s = postLoad(forumId, parents, clients, duration);
            System.out.printf(
                    Locale.ROOT, "| post + reply | %,d | %d | %.0f | %.1f | %.1f | %d |%n",
                    big ? posts : small, clients, s.count() / s.seconds(), pct(s, 50), pct(s, 99), s.errors());
        }
        ownForums(courseId, clients, warmup, duration);
        cold(courseId, bigForum, posts, coldSamples, evict);
        cold(courseId, smallForum, small, coldSamples, evict);

        pages(bigForum, getClients, warmup, posts);
        Sample g = pages(bigForum, getClients, duration, posts);
        System.out.println("| read | forum size | clients | requests/s | p50 ms | p99 ms | errors |");
        System.out.println("|---|---|---|---|---|---|---|");
        System.out.printf(
                Locale.ROOT, "| GET /api/forums/{id}/posts (page of 20) | %,d | %d | %.0f | %.1f | %.1f | %d |%n",
                posts, getClients, g.count() / g.seconds(), pct(g, 50), pct(g, 99), g.errors());

        if (fanOut) {
            fanOut(mongo, courseId, students, seedClients);
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
            String author = authorTokens.get(i % authorTokens.size());
            ids[i] = match(ID, send("POST", command + "/api/forums/" + forumId + "/posts", author, body(i, parent), 201));
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
            String author = authorTokens.get(client % authorTokens.size());
            return request("POST", command + "/api/forums/" + forumId + "/posts", author, body(n, parent))
                            .statusCode()
                    == 201;
        });
    }

    /**
     * The same load, but each client on a forum of its own (half replies to its first post): what posting costs when
     * the clients do not queue on one forum's lock, on the same machine.
     */
    private static void ownForums(String courseId, int clients, int warmup, int seconds) throws Exception {
        List<String> forums = new ArrayList<>();
        List<String> firsts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String forumId = forum(courseId, "Own " + c);
            forums.add(forumId);
            String author = authorTokens.get(c % authorTokens.size());
            firsts.add(match(ID, send("POST", command + "/api/forums/" + forumId + "/posts", author, body(0, null), 201)));
        }
        Call call = (client, n) -> {
            String author = authorTokens.get(client % authorTokens.size());
            return request(
                                    "POST",
                                    command + "/api/forums/" + forums.get(client) + "/posts",
                                    author,
                                    body(n, n % 2 == 1 ? firsts.get(client) : null))
                            .statusCode()
                    == 201;
        };
        timed(clients, warmup, call);
        Sample s = timed(clients, seconds, call);
        System.out.printf(
                Locale.ROOT, "| post + reply, one forum per client | 1 | %d | %.0f | %.1f | %.1f | %d |%n",
                clients, s.count() / s.seconds(), pct(s, 50), pct(s, 99), s.errors());
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

    /**
     * The instructor adds a content item; the notifications of every enrolled student (their ids are derived from
     * the cause, {@code course_update:<course>:<sequence>}, the content event being the course's fourth) are looked
     * up by {@code _id} every 20 ms until all are there; then every student reads hers through REST.
     */
    private static void fanOut(String mongo, String courseId, List<String> students, int clients) throws Exception {
        String cause = "course_update:" + courseId + ":3";
        List<ObjectId> ids = new ArrayList<>();
        for (String student : students) {
            ids.add(new ObjectId(new NotificationKey(cause, student).notificationId()));
        }
        try (MongoClient client = MongoClients.create(mongo)) {
            MongoCollection<Document> notifications = client.getDatabase("lms").getCollection("notifications");
            long sent = System.nanoTime();
            send("POST", command + "/api/courses/" + courseId + "/content", teacher, """
                    {"type": "video", "title": "News", "order": 1}""", 201);
            long answered = System.nanoTime();
            Set<ObjectId> waiting = new HashSet<>(ids);
            long first = 0;
            while (!waiting.isEmpty() && (System.nanoTime() - sent) / 1e9 < 60) {
                List<ObjectId> now = new ArrayList<>(waiting);
                for (int from = 0; from < now.size(); from += 1_000) {
                    List<ObjectId> chunk = now.subList(from, Math.min(now.size(), from + 1_000));
                    for (Document d : notifications.find(Filters.in("_id", chunk)).projection(new Document("_id", 1))) {
                        waiting.remove(d.getObjectId("_id"));
                    }
                }
                if (first == 0 && waiting.size() < ids.size()) {
                    first = System.nanoTime();
                }
                if (!waiting.isEmpty()) {
                    Thread.sleep(20);
                }
            }
            long done = System.nanoTime();
            System.out.printf(
                    Locale.ROOT,
                    "course_update to %,d students: command answered in %.0f ms; the first notifications stored %.0f ms"
                            + " and every one %.0f ms after the command was sent (%d missing)%n",
                    students.size(), (answered - sent) / 1e6, (first - sent) / 1e6, (done - sent) / 1e6,
                    waiting.size());
        }
        AtomicInteger seen = new AtomicInteger();
        long t0 = System.nanoTime();
        parallel(clients, students.size(), k -> {
            String student = students.get(k);
            HttpResponse<String> r = request(
                    "GET", query + "/api/users/" + student + "/notifications?size=5", token(student, "student"), null);
            if (r.statusCode() == 200 && r.body().contains("course_update")) {
                seen.incrementAndGet();
            }
        });
        System.out.printf(
                Locale.ROOT,
                "then GET /api/users/{id}/notifications by each student (%d clients, %.1f s): %,d of %,d show it%n",
                clients, (System.nanoTime() - t0) / 1e9, seen.get(), students.size());
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

    /** An HS256 access token as the command side issues it (io.lms.command.user.TokenIssuer), for two hours. */
    private static String token(String userId, String role) {
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"iss\":\"lms\",\"sub\":\"%s\",\"iat\":%d,\"exp\":%d,\"role\":\"%s\",\"username\":\"bench-%s\"}"
                .formatted(userId, now, now + 7_200, role, userId);
        String unsigned = base64Url("{\"alg\":\"HS256\"}") + "." + base64Url(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256"));
            byte[] signature = mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
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
