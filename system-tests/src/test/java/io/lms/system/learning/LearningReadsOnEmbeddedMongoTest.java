package io.lms.system.learning;

import io.lms.system.MongoBackend;

class LearningReadsOnEmbeddedMongoTest extends LearningReadsContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
