package io.lms.system.forum;

import io.lms.system.MongoBackend;

class ForumFlowOnEmbeddedMongoTest extends ForumFlowContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
