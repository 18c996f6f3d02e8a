package io.lms.system.forum;

import io.lms.system.MongoBackend;

class ForumBadInputOnEmbeddedMongoTest extends ForumBadInputContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
