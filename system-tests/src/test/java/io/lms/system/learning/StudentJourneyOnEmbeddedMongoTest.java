package io.lms.system.learning;

import io.lms.system.MongoBackend;

class StudentJourneyOnEmbeddedMongoTest extends StudentJourneyContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
