package io.lms.system.audit;

import io.lms.system.MongoBackend;

class AuditTrailOnEmbeddedMongoTest extends AuditTrailContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
