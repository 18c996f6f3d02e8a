package io.lms.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The forum benchmark's set-up steps around the running system (benchmark/forum/run-forum-benchmark.sh):
 *
 * <pre>
 *   ForumSetup seed  --mongo URI --posts N --students N --out FILE   (before the services start: {@link ForumSeed})
 *   ForumSetup await --mongo URI --timeout SECONDS                   (until every projection has passed the head)
 * </pre>
 */
public final class ForumSetup {

    static final List<String> PROCESSORS = List.of("users", "courses", "forums", "notifications", "course-analytics");
    private static final Pattern INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    private ForumSetup() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String uri = options.get("--mongo");
        switch (args[0]) {
            case "seed" -> ForumSeed.seed(
                    uri,
                    Integer.parseInt(options.get("--posts")),
                    Integer.parseInt(options.get("--students")),
                    Path.of(options.get("--out")));
            case "await" -> await(uri, Integer.parseInt(options.getOrDefault("--timeout", "300")));
            default -> throw new IllegalArgumentException("seed or await, not " + args[0]);
        }
    }

    /** Waits until the token of every segment of every projection is at or past the last stored event. */
    private static void await(String uri, int timeoutSeconds) throws InterruptedException {
        long t0 = System.nanoTime();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase database = client.getDatabase("lms");
            long head = lastEvent(database);
            while (true) {
                long behind = behind(database, head);
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (behind == 0) {
                    System.out.printf(
                            Locale.ROOT,
                            "[forum-benchmark] projections at the head (%,d) after %.1f s%n",
                            head,
                            seconds);
                    return;
                }
                if (seconds > timeoutSeconds) {
                    throw new IllegalStateException("projections still " + behind + " events behind the head");
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * The position of the last stored event. Not the counter's head: an append that failed leaves its reserved
     * positions as {@code skipped} markers, which no token ever reaches when nothing is appended after them.
     */
    private static long lastEvent(MongoDatabase database) {
        Document last = database.getCollection("events")
                .find(Filters.exists("eventId"))
                .sort(Sorts.descending("_id"))
                .projection(Projections.include("_id"))
                .first();
        return last == null ? 0 : ((Number) last.get("_id")).longValue();
    }

    /** The largest distance of a projection's segment from {@code head} (every processor must have a token). */
    private static long behind(MongoDatabase database, long head) {
        Map<String, Long> lowest = new HashMap<>();
        for (Document token : database.getCollection("tracking_tokens").find()) {
            Object data = token.get("token");
            String json = data instanceof Binary binary
                    ? new String(binary.getData(), StandardCharsets.UTF_8)
                    : String.valueOf(data);
            Matcher m = INDEX.matcher(json);
            long index = m.find() ? Long.parseLong(m.group(1)) : 0;
            lowest.merge(token.getString("processorName"), index, Math::min);
        }
        long behind = 0;
        for (String processor : PROCESSORS) {
            behind = Math.max(behind, head - lowest.getOrDefault(processor, 0L));
        }
        return Math.max(0, behind);
    }
}
