package io.lms.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bson.BsonDocument;

/**
 * The audit benchmark (issue 12), in two steps that {@code benchmark/audit/run-audit-benchmark.sh} runs around a
 * query side it starts:
 *
 * <pre>
 *   AuditBenchmark seed    --mongo URI --events N
 *   AuditBenchmark measure --mongo URI --query URL --query-pid PID --secret BASE64 --events N [--rounds 3] [--pages 30]
 * </pre>
 *
 * <p>{@code seed}: {@link AuditSeed}. {@code measure}: with tokens minted for an auditor and an admin (the services
 * check a token's signature, issuer and claims, no lookup), it first checks that every projection stands at the
 * head (so nothing else runs), then, {@code rounds} times and alternating which goes first, reads every event once
 * with the raw driver (the export's own query: {@code _id > 0}, {@code eventId} present, by {@code _id}, 1,000 per
 * round trip, decoded into {@code BsonDocument}s) and once through {@code GET /api/audit/events/export} (counting
 * lines), while {@link HeapSampler} samples the query side's heap every 250 ms. Last, the
 * latency of filtered audit pages (by aggregate, type, user, aggregate type; 100 events a page) and of one
 * aggregate's history ({@code /api/audit/enrollment/{id}/events}).
 */
public final class AuditBenchmark {

    static {
        // the event-store benchmark's quiet logging setup, instead of logback's debug default
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "event-store-benchmark-logback.xml");
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private AuditBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        long events = Long.parseLong(options.getOrDefault("events", "100000"));
        String mongo = options.get("mongo");
        switch (args[0]) {
            case "seed" -> AuditSeed.seed(mongo, events);
            case "measure" -> measure(
                    mongo,
                    options.get("query"),
                    Long.parseLong(options.get("query-pid")),
                    options.get("secret"),
                    events,
                    Integer.parseInt(options.getOrDefault("rounds", "3")),
                    Integer.parseInt(options.getOrDefault("pages", "30")));
            default -> throw new IllegalArgumentException("seed or measure, not " + args[0]);
        }
    }

    private static void measure(
            String mongo, String query, long queryPid, String secret, long events, int rounds, int pages)
            throws Exception {
        String auditor = token(secret, "auditor");
        requireProjectionsAtHead(query, token(secret, "admin"));
        try (MongoClient client = MongoClients.create(mongo)) {
            var stored = client.getDatabase("lms").getCollection("events", BsonDocument.class);
            HeapSampler idle = HeapSampler.start(queryPid).awaitSample(30);
            Thread.sleep(2_000);
            idle.stop();
            System.out.printf(Locale.ROOT, "[audit-benchmark] query side heap idle: %s%n", idle.summary());
            // warm-up: the last tenth of the history both ways
            rawRead(stored, events - events / 10);
            export(query, auditor, events - events / 10);
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double raw = 0, ours = 0;
                HeapSampler heap = null;
                for (int step = 0; step < 2; step++) {
                    boolean rawNow = (round + step) % 2 == 0;
                    long t0 = System.nanoTime();
                    long n;
                    if (rawNow) {
                        n = rawRead(stored, 0);
                        raw = n / ((System.nanoTime() - t0) / 1e9);
                    } else {
                        heap = HeapSampler.start(queryPid).awaitSample(5);
                        n = export(query, auditor, 0);
                        ours = n / ((System.nanoTime() - t0) / 1e9);
                        heap.stop();
                    }
                    if (n != events) {
                        throw new IllegalStateException((rawNow ? "raw read " : "export ") + n + " of " + events);
                    }
                }
                ratios.add(ours / raw);
                System.out.printf(
                        Locale.ROOT,
                        "[audit-benchmark] round %d: raw %,.0f events/s, export %,.0f events/s, ratio %.2f; heap while"
                                + " exporting: %s%n",
                        round + 1,
                        raw,
                        ours,
                        ours / raw,
                        heap.summary());
            }
            double[] sorted =
                    ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(
                    Locale.ROOT,
                    "[audit-benchmark] export / raw: median %.2f (min %.2f, max %.2f) over %d interleaved rounds%n",
                    sorted[sorted.length / 2],
                    sorted[0],
                    sorted[sorted.length - 1],
                    sorted.length);
            pages(query, auditor, events, pages);
        }
    }

    /** Reads every event after {@code after} as the export's query does; returns how many. */
    private static long rawRead(com.mongodb.client.MongoCollection<BsonDocument> stored, long after) {
        long n = 0;
        try (MongoCursor<BsonDocument> cursor = stored.find(
                        Filters.and(Filters.gt("_id", after), Filters.exists("eventId")))
                .sort(Sorts.ascending("_id"))
                .batchSize(1_000)
                .iterator()) {
            while (cursor.hasNext()) {
                cursor.next();
                n++;
            }
        }
        return n;
    }

    /** Streams the export after {@code after} and counts its lines. */
    private static long export(String query, String token, long after) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(
                get(query + "/api/audit/events/export?after=" + after, token),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export answered " + response.statusCode());
        }
        long lines = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream body = response.body()) {
            for (int read; (read = body.read(buffer)) >= 0; ) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    private static void pages(String query, String token, long events, int count) throws Exception {
        long k = events / AuditSeed.EVENTS_PER_ENROLLMENT / 2;
        Map<String, String> filters = new java.util.LinkedHashMap<>();
        String page = "/api/audit/events?limit=100&";
        filters.put("aggregate_id (25 events)", page + "aggregate_id=" + AuditSeed.enrollment(k));
        filters.put("type CertificateIssuedEvent", page + "type=CertificateIssuedEvent");
        filters.put("user_id", page + "user_id=" + AuditSeed.student(k));
        filters.put("aggregate_type enrollment", page + "aggregate_type=enrollment");
        filters.put("type, after the middle", page + "type=CertificateIssuedEvent&after=" + events / 2);
        filters.put("history of the enrollment", "/api/audit/enrollment/" + AuditSeed.enrollment(k) + "/events");
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            String url = query + filter.getValue();
            long[] nanos = new long[count];
            int items = 0;
            for (int i = -3; i < count; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = HTTP.send(get(url, token), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t0;
                    items = r.body().split("\"position\"", -1).length - 1;
                }
            }
            Arrays.sort(nanos);
            System.out.printf(
                    Locale.ROOT,
                    "[audit-benchmark] page by %-28s %3d events: p50 %6.1f ms, p90 %6.1f ms, max %6.1f ms (%d requests)%n",
                    filter.getKey(),
                    items,
                    nanos[count / 2] / 1e6,
                    nanos[count * 9 / 10] / 1e6,
                    nanos[count - 1] / 1e6,
                    count);
        }
    }

    private static void requireProjectionsAtHead(String query, String admin) throws Exception {
        HttpResponse<String> r =
                HTTP.send(get(query + "/api/admin/projections", admin), HttpResponse.BodyHandlers.ofString());
        String body = r.body();
        System.out.println("[audit-benchmark] projections: " + body);
        if (r.statusCode() != 200 || !body.contains("\"lag_events\"") || body.matches("(?s).*\"lag_events\":[1-9].*")) {
            throw new IllegalStateException("a projection is not at the head, so it would run during the benchmark");
        }
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }

    /** An HS256 access token as the command side issues it, for a made-up user of {@code role}. */
    static String token(String secret, String role) throws Exception {
        long now = Instant.now().getEpochSecond();
        String header = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String claims = base64Url(("{\"sub\":\"%s\",\"role\":\"%s\",\"username\":\"bench-%s\",\"iss\":\"lms\","
                        + "\"iat\":%d,\"exp\":%d}")
                .formatted(
                        String.format(Locale.ROOT, "%024x", role.hashCode() & 0xffffffffL),
                        role,
                        role,
                        now,
                        now + 7200));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret), "HmacSHA256"));
        byte[] signature = mac.doFinal((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
