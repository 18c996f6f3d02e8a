package io.lms.eventstore;

import io.lms.embedded.EmbeddedMongo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract on the embedded server with its memory backend. */
class EmbeddedMemoryEventStoreTest extends EventStoreContract {

    private static EmbeddedMongo mongo;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
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
