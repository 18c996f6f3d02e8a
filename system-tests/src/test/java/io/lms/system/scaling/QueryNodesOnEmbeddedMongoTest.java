package io.lms.system.scaling;

import io.lms.system.MongoBackend;

class QueryNodesOnEmbeddedMongoTest extends QueryNodesContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
