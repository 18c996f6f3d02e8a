package io.lms.benchmark;

import io.lms.embedded.EmbeddedMongo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An embedded server for one measurement, removed afterwards: by default a child JVM of its own (as {@code run.sh}
 * runs it, so that its heap and collector are not the client's), with {@code --in-process} a server in this JVM.
 */
final class BenchServer implements AutoCloseable {
    private final String connectionString;
    private final EmbeddedMongo inProcess;
    private final Process process;
    private final Thread killOnExit;
    private final Path directory;
    private final Path log;

    private BenchServer(
            String connectionString,
            EmbeddedMongo inProcess,
            Process process,
            Thread killOnExit,
            Path directory,
            Path log) {
        this.connectionString = connectionString;
        this.inProcess = inProcess;
        this.process = process;
        this.killOnExit = killOnExit;
        this.directory = directory;
        this.log = log;
    }

    String connectionString() {
        return connectionString;
    }

    static BenchServer start(String backend, BenchOptions options) throws IOException, InterruptedException {
        if (!backend.equals("memory") && !backend.equals("h2")) {
            throw new IllegalArgumentException("unknown backend " + backend + " (memory or h2)");
        }
        Path directory = backend.equals("h2") ? Files.createTempDirectory("event-store-bench") : null;
        if (options.inProcess()) {
            EmbeddedMongo mongo = directory == null ? EmbeddedMongo.inMemory() : EmbeddedMongo.persistent(directory);
            return new BenchServer(mongo.connectionString(), mongo, null, null, directory, null);
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + options.serverHeap()));
        command.addAll(options.serverJavaOptions());
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                "io.lms.embedded.EmbeddedMongoLauncher",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(port)));
        if (directory == null) {
            command.add("--memory");
        } else {
            command.addAll(List.of("--data", directory.toString()));
        }
        Path log = Files.createTempFile("event-store-bench-server", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Thread killOnExit = new Thread(process::destroyForcibly, "kill-embedded-server");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        BenchServer server = new BenchServer("mongodb://127.0.0.1:" + port, null, process, killOnExit, directory, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            if (!process.isAlive()) {
                String output = Files.readString(log);
                server.close();
                throw new IllegalStateException("the embedded server stopped during start-up:\n" + output);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                break;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    server.close();
                    throw new IllegalStateException("the embedded server does not accept connections after 60 s");
                }
                Thread.sleep(50);
            }
        }
        BenchLog.log(
                "embedded server: child JVM pid %d on port %d (-Xmx%s, %s)",
                process.pid(), port, options.serverHeap(), backend);
        return server;
    }

    @Override
    public void close() {
        if (inProcess != null) {
            inProcess.close();
        }
        if (process != null) {
            process.destroy(); // SIGTERM: the launcher's shutdown hook stops the server and closes the backend
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        try {
            if (log != null) {
                Files.deleteIfExists(log);
            }
            if (directory != null) {
                try (Stream<Path> files = Files.walk(directory)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
