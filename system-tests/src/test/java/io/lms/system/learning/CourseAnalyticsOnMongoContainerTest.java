package io.lms.system.learning;

import io.lms.system.MongoBackend;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The same suite on a real MongoDB 7 replica set; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class CourseAnalyticsOnMongoContainerTest extends CourseAnalyticsContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.CONTAINER;
    }
}
