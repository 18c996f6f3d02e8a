package io.lms.system.learning;

import io.lms.system.MongoBackend;

class LearningFlowOnEmbeddedMongoTest extends LearningFlowContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
