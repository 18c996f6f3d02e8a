import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeds the course catalog for the catalog benchmark through the real REST API of the command side, and
 * measures how many course-authoring commands per second it takes. JDK 17 only (java.net.http), no build:
 *
 * <pre>
 *   java benchmark/catalog/CatalogSeeder.java seed --command http://127.0.0.1:8180 --courses 10000 \
 *       --phases 1:300,4:1200,16:rest --queries /tmp/queries.tsv --results /tmp/seed.properties
 *   java benchmark/catalog/CatalogSeeder.java wait --query http://127.0.0.1:8181 --courses 10000 --timeout 600
 * </pre>
 *
 * <p>seed: signs up instructors (--instructors, default 20), then creates each course (title, description
 * and tags drawn from a fixed word list with a fixed random seed, so every run builds the same catalog), adds
 * one video to it and publishes it: three commands per course. The courses are split into phases of N client
 * threads each ("threads:courses", the last one may be "rest"); per phase it prints the commands per second
 * and the latency of each command. It also writes the query strings the load phases use (one
 * "phase&lt;TAB&gt;path" per line), chosen from the catalog it built so that each one has matches.
 *
 * <p>wait: polls GET /api/courses?size=1 on the query side until its total reaches --courses (the
 * projection has caught up), and prints how long that took.
 */
public final class CatalogSeeder {

    // ------------------------------------------------------------------------------------------ vocabulary

    static final String[] CATEGORIES = {
        "programming", "data-science", "design", "business", "marketing", "music",
        "photography", "languages", "finance", "health", "mathematics", "devops"
    };
    static final String[] LEVELS = {"beginner", "intermediate", "advanced"};
    static final String[] TAGS = {
        "python", "java", "javascript", "sql", "cloud", "security", "ux", "excel", "ml", "statistics",
        "guitar", "piano", "spanish", "french", "yoga", "nutrition", "accounting", "investing", "seo",
        "branding", "kubernetes", "linux", "react", "spring", "testing", "algebra", "calculus", "drawing",
        "lightroom", "leadership"
    };
    static final String[] CURRENCIES = {"USD", "EUR", "GBP"};
    /** 240 words; a course's title has 3–6 of them and its description 20–40. */
    static final String[] WORDS = (
            "learn master build create design develop analyze understand practical complete modern advanced "
            + "essential hands project guide introduction fundamentals deep dive professional beginner expert "
            + "quick easy step real world applied theory practice skills career course bootcamp workshop "
            + "python java javascript typescript kotlin rust golang scala haskell sql nosql database data "
            + "science machine learning neural network statistics probability regression classification "
            + "cloud aws azure docker kubernetes linux shell server network security cryptography privacy "
            + "web frontend backend fullstack react angular vue spring django flask api rest graphql "
            + "mobile android ios swift flutter game unity graphics animation drawing painting sketch "
            + "photography camera lightroom portrait landscape video editing film music guitar piano "
            + "singing theory composition production mixing audio spanish french german italian japanese "
            + "chinese grammar vocabulary conversation writing reading speaking business marketing sales "
            + "branding strategy startup management leadership negotiation communication finance accounting "
            + "investing trading stocks budgeting tax excel spreadsheet presentation productivity health "
            + "fitness yoga nutrition meditation cooking baking wellness mathematics algebra calculus "
            + "geometry physics chemistry biology history philosophy economics psychology testing devops "
            + "automation pipeline monitoring performance scaling architecture microservices patterns "
            + "algorithms structures interview coding clean refactoring debugging agile scrum product "
            + "analytics visualization dashboard reporting seo content social media email campaign "
            + "ethics law compliance risk audit research method experiment survey")
            .split(" ");

    // ------------------------------------------------------------------------------------------ main

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "seed" -> new CatalogSeeder(options).seed();
            case "wait" -> waitForQuerySide(options);
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    static void usage() {
        System.err.println("""
                usage: java CatalogSeeder.java seed --command URL [--courses 10000] [--instructors 20]
                           [--phases 1:300,4:1200,16:rest] [--seed 42] [--queries FILE] [--results FILE]
                       java CatalogSeeder.java wait --query URL --courses N [--timeout 900]""");
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    // ------------------------------------------------------------------------------------------ HTTP

    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "http");
                t.setDaemon(true);
                return t;
            }))
            .build();

    record Answer(int status, String body) {}

    static Answer send(String method, String url, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|(-?[0-9.]+))").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no \"" + name + "\" in " + json);
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String array(List<String> values) {
        List<String> quoted = new ArrayList<>();
        for (String v : values) {
            quoted.add(quote(v));
        }
        return "[" + String.join(",", quoted) + "]";
    }

    // ------------------------------------------------------------------------------------------ seeding

    private final String command;
    private final int courses;
    private final int instructors;
    private final long seed;
    private final String run;
    private final List<int[]> phases; // {threads, courses}
    private final Path queriesFile;
    private final Path resultsFile;
    private final List<Course> catalog = new ArrayList<>();
    private final Map<String, Instructor> tokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    record Course(int n, String title, String description, String category, String level, List<String> tags,
            String price, String currency, int instructor, List<String> words) {}

    static final class Instructor {
        final String username;
        final String password;
        volatile String token;

        Instructor(String username, String password) {
            this.username = username;
            this.password = password;
        }
    }

    CatalogSeeder(Map<String, String> o) {
        this.command = stripSlash(required(o, "command"));
        this.courses = Integer.parseInt(o.getOrDefault("courses", "10000"));
        this.instructors = Integer.parseInt(o.getOrDefault("instructors", "20"));
        this.seed = Long.parseLong(o.getOrDefault("seed", "42"));
        this.run = o.getOrDefault("run", Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36));
        this.phases = phases(o.getOrDefault("phases", "1:300,4:1200,16:rest"), courses);
        this.queriesFile = o.containsKey("queries") ? Path.of(o.get("queries")) : null;
        this.resultsFile = o.containsKey("results") ? Path.of(o.get("results")) : null;
    }

    static String required(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** "1:300,4:1200,16:rest" → phases that add up to exactly {@code total} courses (empty ones dropped). */
    static List<int[]> phases(String spec, int total) {
        List<int[]> result = new ArrayList<>();
        int left = total;
        for (String part : spec.split(",")) {
            String[] p = part.trim().split(":");
            int threads = Integer.parseInt(p[0]);
            int n = p[1].equals("rest") ? left : Math.min(left, Integer.parseInt(p[1]));
            if (n > 0) {
                result.add(new int[] {threads, n});
            }
            left -= n;
        }
        if (left > 0) { // no "rest": the last phase takes what is left
            if (result.isEmpty()) {
                result.add(new int[] {1, 0});
            }
            result.get(result.size() - 1)[1] += left;
        }
        return result;
    }

    void generate() {
        Random random = new Random(seed);
        for (int n = 0; n < courses; n++) {
            List<String> words = new ArrayList<>();
            List<String> titleWords = pick(random, WORDS, 3 + random.nextInt(4));
            String title = capitalize(String.join(" ", titleWords));
            List<String> descriptionWords = pick(random, WORDS, 20 + random.nextInt(21));
            String description = capitalize(String.join(" ", descriptionWords)) + ".";
            List<String> tags = new ArrayList<>(new LinkedHashSet<>(pick(random, TAGS, 1 + random.nextInt(4))));
            words.addAll(titleWords);
            words.addAll(descriptionWords);
            words.addAll(tags);
            String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            String level = LEVELS[random.nextInt(LEVELS.length)];
            // 10 % free, the rest 5.00 to 299.99
            String price = random.nextInt(10) == 0
                    ? "0"
                    : String.format(Locale.ROOT, "%d.%02d", 5 + random.nextInt(295), random.nextInt(100));
            String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
            catalog.add(new Course(n, title, description, category, level, tags, price, currency,
                    n % instructors, words));
        }
    }

    static List<String> pick(Random random, String[] from, int count) {
        List<String> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(from[random.nextInt(from.length)]);
        }
        return result;
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    void seed() throws Exception {
        generate();
        writeQueries();
        Map<String, String> results = new LinkedHashMap<>();
        results.put("courses", Integer.toString(courses));
        results.put("instructors", Integer.toString(instructors));

        // instructors: sign-up (a slow salted password hash each) and a token
        long start = System.nanoTime();
        ExecutorService signups = Executors.newFixedThreadPool(Math.min(4, instructors));
        List<Future<?>> pending = new ArrayList<>();
        for (int i = 0; i < instructors; i++) {
            int index = i;
            pending.add(signups.submit(() -> signUp(index)));
        }
        for (Future<?> f : pending) {
            f.get();
        }
        signups.shutdown();
        double signupSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "seed: %d instructors signed up and logged in in %.1f s%n",
                instructors, signupSeconds);
        results.put("signup.seconds", format(signupSeconds));

        System.out.printf(Locale.ROOT, "seed: %-9s %8s %9s %8s %10s   %-28s %-28s %-28s%n",
                "threads", "courses", "commands", "seconds", "commands/s",
                "create p50/p99/max ms", "content p50/p99/max ms", "publish p50/p99/max ms");
        int next = 0;
        long totalCommands = 0;
        double totalSeconds = 0;
        for (int[] phase : phases) {
            int threads = phase[0];
            List<Course> slice = catalog.subList(next, next + phase[1]);
            next += phase[1];
            Phase result = runPhase(threads, slice);
            totalCommands += result.commands;
            totalSeconds += result.seconds;
            double rate = result.commands / result.seconds;
            System.out.printf(Locale.ROOT, "seed: %-9d %8d %9d %8.1f %10.1f   %-28s %-28s %-28s%n",
                    threads, slice.size(), result.commands, result.seconds, rate,
                    result.create.summary(), result.content.summary(), result.publish.summary());
            String key = "phase." + threads + "t.";
            results.put(key + "courses", Integer.toString(slice.size()));
            results.put(key + "commands", Long.toString(result.commands));
            results.put(key + "seconds", format(result.seconds));
            results.put(key + "commands_per_second", format(rate));
            results.put(key + "create_ms", result.create.summary());
            results.put(key + "content_ms", result.content.summary());
            results.put(key + "publish_ms", result.publish.summary());
        }
        results.put("commands", Long.toString(totalCommands));
        results.put("seconds", format(totalSeconds));
        results.put("commands_per_second", format(totalCommands / totalSeconds));
        System.out.printf(Locale.ROOT, "seed: all %d courses in %.1f s, %.1f commands/s overall%n",
                courses, totalSeconds, totalCommands / totalSeconds);
        int failed = failures.values().stream().mapToInt(AtomicInteger::get).sum();
        results.put("failures", Integer.toString(failed));
        if (failed > 0) {
            System.out.println("seed: FAILED requests: " + failures);
        }
        if (resultsFile != null) {
            StringBuilder out = new StringBuilder();
            results.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
            Files.writeString(resultsFile, out);
        }
        if (failed > 0) {
            System.exit(1);
        }
        System.exit(0);
    }

    static String format(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    void signUp(int i) {
        String username = "bench-" + run + "-" + i;
        String password = "bench-password-" + i;
        Answer a = send("POST", command + "/api/users",
                "{\"username\":" + quote(username) + ",\"email\":" + quote(username + "@bench.example.com")
                        + ",\"password\":" + quote(password) + ",\"role\":\"instructor\"}",
                null);
        if (a.status != 201 && a.status != 200) {
            throw new IllegalStateException("sign-up of " + username + ": " + a.status + " " + a.body);
        }
        Instructor instructor = new Instructor(username, password);
        login(instructor);
        tokens.put(Integer.toString(i), instructor);
    }

    void login(Instructor instructor) {
        Answer a = send("POST", command + "/api/auth/token",
                "{\"login\":" + quote(instructor.username) + ",\"password\":" + quote(instructor.password) + "}",
                null);
        if (a.status != 200) {
            throw new IllegalStateException("login of " + instructor.username + ": " + a.status + " " + a.body);
        }
        instructor.token = field(a.body, "access_token");
    }

    record Phase(long commands, double seconds, Latencies create, Latencies content, Latencies publish) {}

    Phase runPhase(int threads, List<Course> slice) throws Exception {
        Latencies create = new Latencies();
        Latencies content = new Latencies();
        Latencies publish = new Latencies();
        AtomicLong commands = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger cursor = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = cursor.getAndIncrement()) < slice.size()) {
                    commands.addAndGet(author(slice.get(i), create, content, publish));
                }
                return null;
            }));
        }
        // progress every 10 s: the rate of the last interval shows how it changes as the store grows
        int done = 0;
        long last = start;
        int lastDone = 0;
        for (Future<?> f : workers) {
            while (true) {
                try {
                    f.get(1, TimeUnit.SECONDS);
                    break;
                } catch (TimeoutException e) {
                    long now = System.nanoTime();
                    if (now - last >= 10_000_000_000L) {
                        done = Math.min(cursor.get(), slice.size());
                        System.out.printf(Locale.ROOT,
                                "seed-progress: %d threads: %d of %d courses (%d before this phase) after %.0f s,"
                                        + " %.1f commands/s in the last %.0f s%n",
                                threads, done, slice.size(), slice.get(0).n, (now - start) / 1e9,
                                3.0 * (done - lastDone) / ((now - last) / 1e9), (now - last) / 1e9);
                        last = now;
                        lastDone = done;
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Phase(commands.get(), seconds, create, content, publish);
    }

    /** Creates, fills and publishes one course; answers the number of commands sent. */
    int author(Course c, Latencies create, Latencies content, Latencies publish) {
        Instructor instructor = tokens.get(Integer.toString(c.instructor));
        String body = "{\"title\":" + quote(c.title)
                + ",\"slug\":" + quote("bench-" + run + "-" + c.n)
                + ",\"description\":" + quote(c.description)
                + ",\"category\":" + quote(c.category)
                + ",\"tags\":" + array(c.tags)
                + ",\"level\":" + quote(c.level)
                + ",\"requirements\":[\"A computer\"],\"outcomes\":[\"Know more about " + c.tags.get(0) + "\"]"
                + ",\"price\":{\"amount\":" + c.price + ",\"currency\":" + quote(c.currency) + "}}";
        Answer a = command(instructor, "POST", "/api/courses", body, create, "create");
        if (a == null) {
            return 1;
        }
        String id = field(a.body, "id");
        String video = "{\"type\":\"video\",\"title\":\"Welcome to " + c.tags.get(0) + "\",\"description\":\"First steps\""
                + ",\"order\":0,\"metadata\":{\"duration\":300,\"file_url\":\"https://cdn.example.com/" + id
                + ".mp4\",\"thumbnail_url\":\"https://cdn.example.com/" + id + ".png\",\"views\":\"0\"}}";
        if (command(instructor, "POST", "/api/courses/" + id + "/content", video, content, "content") == null) {
            return 2;
        }
        command(instructor, "POST", "/api/courses/" + id + "/publish", null, publish, "publish");
        return 3;
    }

    /** Sends one command, logging in again once on a 401 (an expired token); null when it failed. */
    Answer command(Instructor instructor, String method, String path, String body, Latencies latencies, String what) {
        for (int attempt = 0; attempt < 2; attempt++) {
            long start = System.nanoTime();
            Answer a = send(method, command + path, body, instructor.token);
            latencies.record(System.nanoTime() - start);
            if (a.status / 100 == 2) {
                return a;
            }
            if (a.status == 401 && attempt == 0) {
                synchronized (instructor) {
                    login(instructor);
                }
                continue;
            }
            failures.computeIfAbsent(what + " " + a.status, k -> new AtomicInteger()).incrementAndGet();
            if (failures.values().stream().mapToInt(AtomicInteger::get).sum() <= 5) {
                System.err.println("seed: " + what + " " + path + " answered " + a.status + ": " + a.body);
            }
            return null;
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ queries

    /**
     * The load phases' query strings, 32 each, chosen from the generated catalog so that every one has matches:
     * filter (category and level), search (two words of one course), sort (the whole catalog by price, pages
     * 0–31), combined (category, one word, a tag, sorted by price), and list (the default list, newest first).
     */
    void writeQueries() throws IOException {
        if (queriesFile == null) {
            return;
        }
        Random random = new Random(seed + 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            out.append("list\t/api/courses?page=").append(i % 4).append("&size=20\n");
        }
        for (int i = 0; i < 32; i++) {
            out.append("filter\t/api/courses?category=").append(CATEGORIES[i % CATEGORIES.length])
                    .append("&level=").append(LEVELS[i % LEVELS.length]).append("&size=20\n");
        }
        for (int i = 0; i < 32; i++) {
            Course c = catalog.get(random.nextInt(catalog.size()));
            List<String> distinct = new ArrayList<>(new LinkedHashSet<>(c.words));
            String a = distinct.get(random.nextInt(distinct.size()));
            String b = distinct.get(random.nextInt(distinct.size()));
            out.append("search\t/api/courses?q=").append(a).append('+').append(b).append("&size=20\n");
        }
        for (int i = 0; i < 32; i++) {
            out.append("sort\t/api/courses?sort=price.amount&page=").append(i).append("&size=20\n");
        }
        for (int i = 0; i < 32; i++) {
            Course c = catalog.get(random.nextInt(catalog.size()));
            String word = c.words.get(random.nextInt(c.words.size()));
            out.append("combined\t/api/courses?category=").append(c.category)
                    .append("&q=").append(word)
                    .append("&tag=").append(c.tags.get(0))
                    .append("&sort=price.amount&size=20\n");
        }
        Files.writeString(queriesFile, out);
    }

    // ------------------------------------------------------------------------------------------ waiting

    static void waitForQuerySide(Map<String, String> o) throws InterruptedException {
        String query = stripSlash(required(o, "query"));
        long expected = Long.parseLong(required(o, "courses"));
        long timeout = Long.parseLong(o.getOrDefault("timeout", "900"));
        long start = System.nanoTime();
        long total = -1;
        long lastPrint = 0;
        while (true) {
            try {
                Answer a = send("GET", query + "/api/courses?size=1", null, null);
                if (a.status == 200) {
                    total = Long.parseLong(field(a.body, "total"));
                }
            } catch (RuntimeException e) {
                // not answering yet: try again
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (total >= expected) {
                System.out.printf(Locale.ROOT, "wait: the query side lists %d published courses after %.1f s%n",
                        total, seconds);
                System.exit(0);
            }
            if (seconds > timeout) {
                System.out.printf(Locale.ROOT, "wait: the query side lists %d of %d courses after %.0f s: giving up%n",
                        total, expected, seconds);
                System.exit(1);
            }
            if (seconds - lastPrint >= 10) {
                System.out.printf(Locale.ROOT, "wait: %d of %d published courses projected so far (%.0f s)%n",
                        total, expected, seconds);
                lastPrint = (long) seconds;
            }
            Thread.sleep(1000); // each poll is a count and a find over the courses: keep the extra load small
        }
    }

    // ------------------------------------------------------------------------------------------ latencies

    /**
     * Latencies in a fixed array of buckets, like HdrHistogram with two significant digits: 1 µs resolution up
     * to 100 µs, then buckets 1 % wide up to an hour.
     */
    static final class Latencies {
        private static final int LINEAR = 100;
        private static final double GROWTH = 1.01;
        private final long[] counts = new long[LINEAR + 2000];
        private long max;
        private long total;

        synchronized void record(long nanos) {
            long micros = Math.max(0, nanos / 1000);
            int bucket;
            if (micros < LINEAR) {
                bucket = (int) micros;
            } else {
                bucket = LINEAR + (int) (Math.log((double) micros / LINEAR) / Math.log(GROWTH));
            }
            counts[Math.min(bucket, counts.length - 1)]++;
            max = Math.max(max, micros);
            total++;
        }

        synchronized double percentileMillis(double p) {
            if (total == 0) {
                return 0;
            }
            long rank = (long) Math.ceil(p / 100 * total);
            long seen = 0;
            for (int b = 0; b < counts.length; b++) {
                seen += counts[b];
                if (seen >= Math.max(1, rank)) {
                    double upper = b < LINEAR ? b + 1 : LINEAR * Math.pow(GROWTH, b - LINEAR + 1);
                    return Math.min(upper, max) / 1000.0;
                }
            }
            return max / 1000.0;
        }

        synchronized String summary() {
            return String.format(Locale.ROOT, "%.1f/%.1f/%.1f", percentileMillis(50), percentileMillis(99),
                    max / 1000.0);
        }
    }
}
