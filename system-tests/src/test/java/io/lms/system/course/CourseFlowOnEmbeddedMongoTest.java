package io.lms.system.course;

import io.lms.system.MongoBackend;

class CourseFlowOnEmbeddedMongoTest extends CourseFlowContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
