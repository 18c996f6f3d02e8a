package io.lms.system.conventions;

import io.lms.system.MongoBackend;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

@EnabledIfEnvironmentVariable(named = "MONGODB_URI", matches = ".+")
class BadInputOnMongoUriTest extends BadInputContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.URI;
    }
}
