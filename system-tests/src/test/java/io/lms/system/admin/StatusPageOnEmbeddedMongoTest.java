package io.lms.system.admin;

import io.lms.system.MongoBackend;

class StatusPageOnEmbeddedMongoTest extends StatusPageContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
