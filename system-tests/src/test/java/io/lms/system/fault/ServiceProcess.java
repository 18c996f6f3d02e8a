package io.lms.system.fault;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the processes run.sh starts ({@code java -jar <module>-exec.jar}), as a child of the test JVM so that the
 * test can SIGKILL it. Like the embedded server's {@code EmbeddedServerProcess}, but from the built jar, with
 * run.sh's environment, and ready when its port accepts connections or its readiness probe answers 200.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(String name, List<String> command, Map<String, String> environment, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return new ServiceProcess(name, builder.start(), log);
    }

    /** Waits until something accepts TCP connections on {@code port} (the embedded server). */
    ServiceProcess awaitListening(int port) throws IOException {
        awaitUntil(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        return this;
    }

    /** Waits until {@code GET /actuator/health/readiness} answers 200, as run.sh waits for a service. */
    ServiceProcess awaitReady(int port) throws IOException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
        awaitUntil(() -> {
            try {
                return client.send(probe, HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200;
            } catch (IOException notYet) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        return this;
    }

    /** SIGKILL: the process ends at once, without shutdown hooks, in the middle of whatever it was doing. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not end after SIGKILL");
        }
    }

    /** SIGTERM, as run.sh stops it; SIGKILL after 60 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private interface Check {
        boolean passes() throws IOException;
    }

    private void awaitUntil(Check ready) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended at start-up; its log:\n" + tail());
            }
            if (ready.passes()) {
                return;
            }
            sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " is not ready after " + START_TIMEOUT + "; its log:\n" + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
