package io.lms.eventstore;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The contract on the MongoDB named by {@code MONGODB_URI}; skipped when it is not set. */
@EnabledIfEnvironmentVariable(named = "MONGODB_URI", matches = ".+")
class UriMongoEventStoreTest extends EventStoreContract {

    @Override
    protected String connectionString() {
        return System.getenv("MONGODB_URI");
    }
}
