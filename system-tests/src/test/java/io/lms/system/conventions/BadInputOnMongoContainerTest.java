package io.lms.system.conventions;

import io.lms.system.MongoBackend;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
class BadInputOnMongoContainerTest extends BadInputContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.CONTAINER;
    }
}
