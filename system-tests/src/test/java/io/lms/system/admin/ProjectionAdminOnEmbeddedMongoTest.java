package io.lms.system.admin;

import io.lms.system.MongoBackend;

class ProjectionAdminOnEmbeddedMongoTest extends ProjectionAdminContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
