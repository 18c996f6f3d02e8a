package io.lms.system.admin;

import io.lms.system.MongoBackend;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same suite on a real MongoDB 7 replica set; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ProjectionReplayOnMongoContainerTest extends ProjectionReplayContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.CONTAINER;
    }
}
