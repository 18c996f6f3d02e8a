package io.lms.system.admin;

import io.lms.system.MongoBackend;

class ProjectionReplayOnEmbeddedMongoTest extends ProjectionReplayContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
