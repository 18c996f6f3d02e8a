import java.net.URI;
import java.net.http.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts and replies on the forum that io.lms.benchmark.ForumSeed wrote, at {@code clients} clients for {@code seconds},
 * each client a different seeded student, half new posts and half replies to a random seeded post (as
 * ForumBenchmark's post rounds); prints posts, posts/s, p50, p99, errors and the CPU this client used per post. For
 * benchmark/forum/profile-posts.sh:
 *
 * <pre>
 *   java benchmark/forum/PostLoad.java SECRET COMMAND_URL SEEDED_FILE CLIENTS SECONDS
 * </pre>
 */
public class PostLoad {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] a) throws Exception {
        String secret = a[0], command = a[1];
        int clients = Integer.parseInt(a[3]), seconds = Integer.parseInt(a[4]);
        Map<String, List<String>> seed = new HashMap<>();
        for (String line : Files.readAllLines(Path.of(a[2]))) {
            int eq = line.indexOf('=');
            seed.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
        }
        String forum = seed.get("forum").get(0);
        List<String> posts = seed.get("post");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 500; i++) tokens.add(token(secret, seed.get("student").get(i)));
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger errors = new AtomicInteger();
        List<Future<long[]>> fs = new ArrayList<>();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            fs.add(pool.submit(() -> {
                long[] lat = new long[1 << 14];
                int n = 0;
                while (System.nanoTime() < end) {
                    long s = System.nanoTime();
                    String content = "Post number " + n + ": a question about the course, with a few words of context.";
                    String body = n % 2 == 1
                            ? "{\"content\": \"" + content + "\", \"parent_post_id\": \""
                                    + posts.get(ThreadLocalRandom.current().nextInt(posts.size())) + "\"}"
                            : "{\"content\": \"" + content + "\"}";
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(command + "/api/forums/" + forum + "/posts"))
                            .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + tokens.get(client % 500))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 201) { errors.incrementAndGet(); if (errors.get() < 3) System.err.println(r.body()); }
                    if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                    lat[n++] = System.nanoTime() - s;
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : fs) for (long l : f.get()) all.add(l);
        double took = (System.nanoTime() - start) / 1e9;
        double clientCpu = (os.getProcessCpuTime() - cpu0) / 1e6;
        pool.shutdown();
        Collections.sort(all);
        int n = all.size();
        System.out.printf(Locale.ROOT, "| %d clients | %d posts | %.0f posts/s | p50 %.1f ms | p99 %.1f ms | errors %d | client CPU %.2f ms per post |%n",
                clients, n, n / took, all.get((int) Math.ceil(0.5 * n) - 1) / 1e6, all.get((int) Math.ceil(0.99 * n) - 1) / 1e6,
                errors.get(), clientCpu / n);
    }

    static String token(String secret, String userId) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"iss\":\"lms\",\"sub\":\"%s\",\"iat\":%d,\"exp\":%d,\"role\":\"student\",\"username\":\"bench-%s\"}"
                .formatted(userId, now, now + 7_200, userId);
        Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
        String unsigned = b.encodeToString("{\"alg\":\"HS256\"}".getBytes()) + "." + b.encodeToString(claims.getBytes());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256"));
        return unsigned + "." + b.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
    }
}
