package io.lms.system.scaling;

import io.lms.system.MongoBackend;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The same suite on the MongoDB that {@code MONGODB_URI} names, in a fresh database; skipped when it is not set. */
@EnabledIfEnvironmentVariable(named = "MONGODB_URI", matches = ".+")
class ReplayOnTwoNodesOnMongoUriTest extends ReplayOnTwoNodesContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.URI;
    }
}
