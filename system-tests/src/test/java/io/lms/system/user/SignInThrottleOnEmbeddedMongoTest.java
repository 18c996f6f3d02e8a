package io.lms.system.user;

import io.lms.system.MongoBackend;

class SignInThrottleOnEmbeddedMongoTest extends SignInThrottleContract {

    @Override
    protected MongoBackend backend() {
        return MongoBackend.EMBEDDED;
    }
}
