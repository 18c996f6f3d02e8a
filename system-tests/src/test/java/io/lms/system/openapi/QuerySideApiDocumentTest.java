package io.lms.system.openapi;

import io.lms.system.Http;
import org.springframework.context.ApplicationContext;

class QuerySideApiDocumentTest extends ApiDocumentContract {

    @Override
    protected ApplicationContext service() {
        return system.querySide();
    }

    @Override
    protected Http.Request get(String path) {
        return system.http.query(path);
    }
}
