package io.lms.system.admin;

import io.lms.system.MongoBackend;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The same suite on the MongoDB that {@code MONGODB_URI} names, in a fresh database; skipped when it is not set. */
@EnabledIfEnvironmentVariable(named = "MONGODB_URI", matches = ".+")
class ProjectionReplayOnMongoUriTest extends ProjectionReplayContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.URI;
    }
}
