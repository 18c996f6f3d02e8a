package io.lms.command.web;

import io.lms.api.common.CommandResult;
import io.lms.platform.web.Versions;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The answer of every command: {@code {"id", "version"}} and {@code ETag: "version"}; a creation answers 201
 * with the query-side URL of the new document in {@code Location}.
 */
@Component
public class CommandResponses {

    private final String queryBaseUrl;

    public CommandResponses(@Value("${lms.query-side.base-url}") String queryBaseUrl) {
        this.queryBaseUrl =
                queryBaseUrl.endsWith("/") ? queryBaseUrl.substring(0, queryBaseUrl.length() - 1) : queryBaseUrl;
    }

    public ResponseEntity<CommandResult> created(String queryPath, CommandResult result) {
        return ResponseEntity.created(URI.create(queryBaseUrl + queryPath))
                .header(HttpHeaders.ETAG, Versions.etag(result.version()))
                .body(result);
    }

    public ResponseEntity<CommandResult> ok(CommandResult result) {
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, Versions.etag(result.version()))
                .body(result);
    }

    public String queryUrl(String queryPath) {
        return queryBaseUrl + queryPath;
    }
}
