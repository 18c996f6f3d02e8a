package io.lms.eventstore;

import io.lms.embedded.EmbeddedMongo;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded server with its H2 (persistent) backend. */
class EmbeddedH2EventStoreTest extends EventStoreContract {

    @TempDir
    static Path data;

    private static EmbeddedMongo mongo;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.persistent(data);
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Override
    protected String connectionString() {
        return mongo.connectionString();
    }
}
