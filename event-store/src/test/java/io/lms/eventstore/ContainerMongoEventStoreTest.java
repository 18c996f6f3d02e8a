package io.lms.eventstore;

import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The contract on a real MongoDB 7 in a container; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerMongoEventStoreTest extends EventStoreContract {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7");

    @Override
    protected String connectionString() {
        return MONGO.getConnectionString();
    }
}
