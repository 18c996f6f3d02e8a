package io.lms.system.conventions;

import io.lms.system.MongoBackend;

class BadInputOnEmbeddedMongoTest extends BadInputContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
