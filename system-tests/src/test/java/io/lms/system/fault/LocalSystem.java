package io.lms.system.fault;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The three processes of {@code ./run.sh}, started from the modules' runnable jars with the command lines and
 * environment run.sh gives them, on fixed free ports and one data folder, so that each can be killed and started
 * again on the same data. The jars are those the reactor built ({@code <module>/target/<module>-*-exec.jar}), which
 * is why this suite runs in the {@code integration-test} phase.
 */
final class LocalSystem {

    static final String ADMIN_USERNAME = "admin";
    static final String ADMIN_PASSWORD = "admin-password-for-the-fault-suite";
    static final String DATABASE = "lms";
    private static final String JWT_SECRET = "dGVzdC1vbmx5LXNpZ25pbmcta2V5LW9mLTMyLWJ5dGVzIQ==";
    /** Small heaps and the C1 compiler only: three JVMs start faster on a small machine; the code is the same. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-Xss512k");

    private final Path root;
    private final Path data;
    private final Path logs;
    final int mongoPort;
    final int commandPort;
    final int queryPort;

    LocalSystem(Path data) throws IOException {
        this.root = projectRoot();
        this.data = data;
        this.logs = Files.createDirectories(root.resolve("system-tests/target/fault-suite"));
        try (Stream<Path> earlier = Files.list(logs)) { // each run's logs alone (ServiceProcess appends: restarts)
            for (Path log : earlier.toList()) {
                Files.delete(log);
            }
        }
        this.mongoPort = freePort();
        this.commandPort = freePort();
        this.queryPort = freePort();
    }

    String mongoUri(String database) {
        return "mongodb://127.0.0.1:" + mongoPort + "/" + database;
    }

    String commandUrl() {
        return "http://127.0.0.1:" + commandPort;
    }

    String queryUrl() {
        return "http://127.0.0.1:" + queryPort;
    }

    Path logs() {
        return logs;
    }

    /**
     * {@code java -jar embedded-mongo-exec.jar --host 127.0.0.1 --port P --data DATA/mongo}. Its durability is
     * run.sh's: {@code LMS_EMBEDDED_DURABILITY} from the environment (inherited), {@code commit} when unset; run
     * the suite with {@code LMS_EMBEDDED_DURABILITY=none} to see it fail as the library did before issue 16.
     */
    ServiceProcess startEmbeddedServer() throws IOException {
        List<String> command =
                new ArrayList<>(List.of(java(), "-jar", jar("embedded-mongo").toString()));
        command.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(mongoPort)));
        command.addAll(List.of("--data", data.resolve("mongo").toString()));
        return ServiceProcess.start("embedded server", command, Map.of(), logs.resolve("embedded-mongo.log"))
                .awaitListening(mongoPort);
    }

    ServiceProcess startCommandSide() throws IOException {
        Map<String, String> env = environment(commandPort, DATABASE);
        env.put("LMS_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("LMS_ADMIN_EMAIL", "admin@localhost");
        env.put("LMS_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // the load signs in several hundred users from 127.0.0.1 (the per-client budget is for attackers), and
        // bcrypt's default cost would spend the two cores on hashing rather than on the events
        List<String> arguments =
                List.of("--lms.auth.throttle.max-failures-per-client=100000", "--lms.auth.bcrypt-strength=4");
        return ServiceProcess.start(
                        "command side", service("command-side", arguments), env, logs.resolve("command-side.log"))
                .awaitReady(commandPort);
    }

    ServiceProcess startQuerySide() throws IOException {
        return startQuerySide(DATABASE, queryPort, "query-side.log");
    }

    /** A query side on {@code database} (the rebuild's copy of the events), on a port of its own. */
    ServiceProcess startQuerySide(String database, int port, String log) throws IOException {
        return ServiceProcess.start(
                        "query side on " + database,
                        service("query-side", List.of()),
                        environment(port, database),
                        logs.resolve(log))
                .awaitReady(port);
    }

    private Map<String, String> environment(int port, String database) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(port));
        env.put("MONGODB_URI", mongoUri(database));
        env.put("LMS_MONGODB_DATABASE", database);
        env.put("LMS_JWT_SECRET", JWT_SECRET);
        env.put("LMS_QUERY_SIDE_URL", queryUrl());
        return env;
    }

    private List<String> service(String module, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar(module).toString()));
        command.addAll(arguments);
        return command;
    }

    private Path jar(String module) {
        Path target = root.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-.*-exec\\.jar"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "no runnable jar in " + target + ": this suite runs the built jars, so run it in the reactor"
                            + " after package (./mvnw -B verify, or -pl system-tests -am verify)",
                    e);
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The checkout: the parent of system-tests, where surefire runs the tests. */
    private static Path projectRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        return dir.getFileName().toString().equals("system-tests") ? dir.getParent() : dir;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
