package io.lms.system.audit;

import io.lms.system.MongoBackend;

class PastStateOnEmbeddedMongoTest extends PastStateContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
