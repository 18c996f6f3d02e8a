package io.lms.system.user;

import io.lms.system.MongoBackend;

class UserFlowOnEmbeddedMongoTest extends UserFlowContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
