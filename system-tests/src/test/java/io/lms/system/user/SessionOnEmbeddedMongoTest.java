package io.lms.system.user;

import io.lms.system.MongoBackend;

class SessionOnEmbeddedMongoTest extends SessionContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
