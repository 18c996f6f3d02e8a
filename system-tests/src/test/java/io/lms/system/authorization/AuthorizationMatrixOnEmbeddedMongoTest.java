package io.lms.system.authorization;

import io.lms.system.MongoBackend;

class AuthorizationMatrixOnEmbeddedMongoTest extends AuthorizationMatrixContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
