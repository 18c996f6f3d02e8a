package io.lms.eventstore;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's current time without a round trip: the local clock plus an offset measured with {@code isMaster}
 * (or {@code hello}). It also learns, with the same reply, whether the server is standalone.
 *
 * <p>Invariant: all times the engine stores or compares ({@code reservedAt}, {@code skippedAt}, gap ages) are in the
 * server's clock, so that nodes whose clocks disagree judge gaps alike.
 *
 * <p>Concurrency: thread-safe. The offset is measured once under a lock on first use, then refreshed lazily every
 * 10 s by one thread at a time (a CAS flag) while the others keep using the previous, volatile, offset.
 */
final class ServerClock {

    private static final Logger logger = LoggerFactory.getLogger(ServerClock.class);
    private static final long REFRESH_NANOS = Duration.ofSeconds(10).toNanos();

    private final MongoDatabase database;
    private final Object firstMeasurement = new Object();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private volatile long offsetMillis;
    private volatile long measuredAt = Long.MIN_VALUE;
    private volatile boolean isMasterUnsupported;
    private volatile boolean standalone;

    ServerClock(MongoDatabase database) {
        this.database = database;
    }

    /** The server's current time, estimated from the cached offset. */
    Instant now() {
        long nanos = System.nanoTime();
        long at = measuredAt;
        if (at == Long.MIN_VALUE) {
            synchronized (firstMeasurement) {
                if (measuredAt == Long.MIN_VALUE) {
                    measure();
                    measuredAt = nanos;
                }
            }
        } else if (nanos - at > REFRESH_NANOS && measuring.compareAndSet(false, true)) {
            refresh(nanos);
        }
        return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis);
    }

    /** Whether the server is standalone (learnt with the offset; false until the first measurement). */
    boolean isStandalone() {
        return standalone;
    }

    private void refresh(long nanos) {
        try {
            measure();
            measuredAt = nanos;
        } catch (MongoException e) {
            logger.debug("Could not refresh the server's clock offset; keeping the previous one", e);
        } finally {
            measuring.set(false);
        }
    }

    private void measure() {
        long before = System.currentTimeMillis();
        Document reply = askServer();
        long after = System.currentTimeMillis();
        // a replica set member names its set; mongos says isdbgrid; a standalone server does neither
        standalone = !reply.containsKey("setName") && !"isdbgrid".equals(reply.get("msg"));
        Object localTime = reply.get("localTime");
        if (localTime instanceof Date date) {
            offsetMillis = date.getTime() - (before + after) / 2;
        } else {
            offsetMillis = 0;
            logger.debug("The server does not report its time; using the local clock for gap ages");
        }
    }

    /**
     * isMaster first: mongo-java-server knows only that one (and logs an error for hello); MongoDB knows both, and
     * answers hello where isMaster is refused (Stable API strict mode).
     */
    private Document askServer() {
        if (!isMasterUnsupported) {
            try {
                return database.runCommand(new Document("isMaster", 1));
            } catch (MongoCommandException e) {
                isMasterUnsupported = true;
            }
        }
        return database.runCommand(new Document("hello", 1));
    }
}
