package io.lms.system.openapi;

import io.lms.system.Http;
import org.springframework.context.ApplicationContext;

class CommandSideApiDocumentTest extends ApiDocumentContract {

    @Override
    protected ApplicationContext service() {
        return system.commandSide();
    }

    @Override
    protected Http.Request get(String path) {
        return system.http.command("GET", path);
    }
}
