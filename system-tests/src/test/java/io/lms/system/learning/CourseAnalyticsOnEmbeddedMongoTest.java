package io.lms.system.learning;

import io.lms.system.MongoBackend;

class CourseAnalyticsOnEmbeddedMongoTest extends CourseAnalyticsContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
