package io.lms.system;

import io.lms.query.QuerySideApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A query-side node in a JVM of its own, on the test's class path and a free port, so that a test can stop it
 * cleanly (SIGTERM: Spring shuts down, Axon releases its token claims) or kill it (SIGKILL: its claims stay until they
 * time out). Its output goes to {@code target/query-node-<port>.log}.
 */
public final class QueryNodeProcess implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofMinutes(3);

    private final Process process;
    private final int port;
    private final Path log;

    private QueryNodeProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a node with {@code properties} (a free port replaces theirs) and waits until it is ready. */
    public static QueryNodeProcess start(Map<String, Object> properties) {
        int port = freePort();
        Map<String, Object> own = new HashMap<>(properties);
        own.put("server.port", String.valueOf(port));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classPath(),
                QuerySideApplication.class.getName()));
        command.addAll(List.of(SystemUnderTest.arguments(own)));
        Path log = Path.of("target", "query-node-" + port + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            // a test JVM that ends early takes its nodes with it
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            QueryNodeProcess node = new QueryNodeProcess(process, port, log);
            node.awaitReady();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** A clean stop, as an orchestrator does it: SIGTERM, then wait for the JVM to end. */
    public void stop() {
        process.destroy();
        awaitExit();
    }

    /** A crash: SIGKILL, nothing runs on the way out. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void awaitReady() {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the query node ended while starting; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> ready = client.send(
                        HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(500));
        }
        close();
        throw new IllegalStateException("the query node was not ready in time; see " + log.toAbsolutePath());
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Surefire runs tests from a manifest-only jar; the class path it stands for is in this property. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
