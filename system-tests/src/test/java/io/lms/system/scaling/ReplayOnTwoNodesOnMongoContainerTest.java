package io.lms.system.scaling;

import io.lms.system.MongoBackend;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same suite on a real MongoDB 7 replica set; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class ReplayOnTwoNodesOnMongoContainerTest extends ReplayOnTwoNodesContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.CONTAINER;
    }
}
