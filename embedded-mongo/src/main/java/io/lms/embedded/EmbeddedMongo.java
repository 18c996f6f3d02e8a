package io.lms.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import io.lms.embedded.index.IndexedMemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB wire-protocol server in this JVM. Clients always reach it through the real MongoDB driver
 * over TCP, exactly as they would reach a real MongoDB.
 *
 * <p>It has no transactions, no {@code $text} search and no collations; the code that runs against it
 * must not depend on them.
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final int WORKER_THREADS = 32;

    private final MongoServer server;
    private final MongoBackend backend;
    private final InetSocketAddress address;

    private EmbeddedMongo(MongoBackend backend, String host, int port) {
        this.backend = backend;
        backend.version(ServerVersion.MONGO_5_0);
        this.server = new MongoServer(backend);
        // a write waits for its group commit on its connection's event-loop thread: enough threads that the
        // waiting of one connection seldom holds up another
        server.bind(new InetSocketAddress(host, port), 1, WORKER_THREADS);
        this.address = server.getLocalAddress();
    }

    /** A server that keeps everything in memory, on a free loopback port. */
    public static EmbeddedMongo inMemory() {
        return new EmbeddedMongo(new IndexedMemoryBackend(), "127.0.0.1", 0);
    }

    /** An in-memory server on the given address (port 0 picks a free one). */
    public static EmbeddedMongo inMemoryOn(String host, int port) {
        return new EmbeddedMongo(new IndexedMemoryBackend(), host, port);
    }

    /**
     * A server whose data survives a restart: an H2 MVStore file inside {@code dataDirectory}. A write is
     * answered once it is committed to that file ({@link Durability#COMMIT}).
     */
    public static EmbeddedMongo persistent(Path dataDirectory, String host, int port) {
        return persistent(dataDirectory, host, port, Durability.COMMIT);
    }

    /** A server whose data survives a restart, answering writes as durable as {@code durability} says. */
    public static EmbeddedMongo persistent(Path dataDirectory, String host, int port, Durability durability) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dataDirectory, e);
        }
        Path file = dataDirectory.resolve("mongo.mv.db").toAbsolutePath();
        return new EmbeddedMongo(DurableH2Backend.open(file.toString(), durability), host, port);
    }

    /** An H2-backed server on a free loopback port, for tests that need the persistent backend. */
    public static EmbeddedMongo persistent(Path dataDirectory) {
        return persistent(dataDirectory, "127.0.0.1", 0);
    }

    /** The backend, for tests that look at its collections and indexes. */
    MongoBackend backend() {
        return backend;
    }

    public int port() {
        return address.getPort();
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** Flushes the persistent backend and stops listening. */
    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
