package io.lms.system.scaling;

import io.lms.system.MongoBackend;

class ReplayOnTwoNodesOnEmbeddedMongoTest extends ReplayOnTwoNodesContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
