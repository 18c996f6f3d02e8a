package io.lms.system.reads;

import io.lms.system.MongoBackend;

class ReadYourWritesOnEmbeddedMongoTest extends ReadYourWritesContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
