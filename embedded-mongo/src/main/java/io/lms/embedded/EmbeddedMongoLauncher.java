package io.lms.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded MongoDB-compatible server for the local run: {@code java -jar embedded-mongo-exec.jar
 * [--port 27017] [--host 127.0.0.1] [--data ./data/mongo | --memory] [--durability none|commit|fsync]}.
 *
 * <p>{@code --durability} (default {@code commit}, or the environment variable {@code LMS_EMBEDDED_DURABILITY}):
 * {@code commit} answers a write once it is in the data file, {@code fsync} also forces the file to the disk
 * first, {@code none} answers at once and writes within a second (see docs/embedded-store.md).
 */
public final class EmbeddedMongoLauncher {

    static {
        // a named file, so that this module's logging setup never leaks into the services that use it in tests
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "embedded-mongo-logback.xml");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoLauncher.class);

    private EmbeddedMongoLauncher() {}

    public static void main(String[] args) throws InterruptedException {
        int port = 27017;
        String host = "127.0.0.1";
        Path data = Path.of("data", "mongo");
        boolean memory = false;
        String durabilityText = System.getenv().getOrDefault("LMS_EMBEDDED_DURABILITY", "commit");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--host" -> host = value(args, ++i, "--host");
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--memory" -> memory = true;
                case "--durability" -> durabilityText = value(args, ++i, "--durability");
                default -> {
                    System.err.println("unknown argument " + args[i]
                            + "; usage: [--port N] [--host H] [--data DIR | --memory]"
                            + " [--durability none|commit|fsync]");
                    System.exit(2);
                }
            }
        }
        Durability durability = durability(durabilityText);
        EmbeddedMongo mongo =
                memory ? EmbeddedMongo.inMemoryOn(host, port) : EmbeddedMongo.persistent(data, host, port, durability);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping the embedded MongoDB server");
            mongo.close();
            stopped.countDown();
        }));
        log.info(
                "embedded MongoDB server ({}) listening on {}",
                memory ? "in memory" : "data in " + data.toAbsolutePath() + ", durability " + durability,
                mongo.connectionString());
        stopped.await();
    }

    private static Durability durability(String text) {
        try {
            return Durability.parse(text);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return Durability.COMMIT;
        }
    }

    private static String value(String[] args, int index, String name) {
        if (index >= args.length) {
            System.err.println(name + " needs a value");
            System.exit(2);
        }
        return args[index];
    }
}
