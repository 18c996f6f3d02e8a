package io.lms.query.support;

import io.lms.api.error.ErrorCode;
import io.lms.platform.error.DomainException;
import io.lms.platform.error.RetryLaterException;
import io.lms.platform.web.Versions;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code ?min_version=N}: a single-document read waits until its read model reflects version N of the
 * aggregate (at most {@code lms.read-your-writes.max-wait}, 10 s), else answers 503 with {@code Retry-After}.
 * Every such read carries {@code ETag: "version"}.
 */
@Component
public class ReadYourWrites {

    private static final long POLL_MILLIS = 20;

    private final Duration maxWait;

    public ReadYourWrites(@Value("${lms.read-your-writes.max-wait:PT10S}") Duration maxWait) {
        this.maxWait = maxWait;
    }

    /** Loads the document, waiting for {@code minVersion} when given; 404 when it does not exist (and none is awaited). */
    public Document load(Supplier<Optional<Document>> loader, Long minVersion, String what, String id) {
        if (minVersion != null && minVersion < 0) {
            throw DomainException.invalid("min_version", "must be 0 or more");
        }
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            Optional<Document> document = loader.get();
            if (minVersion == null) {
                return document.orElseThrow(() -> DomainException.notFound(what, id));
            }
            if (document.isPresent() && VersionedDocuments.versionOf(document.get()) >= minVersion) {
                return document.get();
            }
            if (System.nanoTime() > deadline) {
                throw new RetryLaterException(
                        ErrorCode.READ_MODEL_BEHIND,
                        "The " + what + " does not reflect version " + minVersion + " yet; retry shortly",
                        1);
            }
            sleep();
        }
    }

    public static <T> ResponseEntity<T> withEtag(Document document, T body) {
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, Versions.etag(VersionedDocuments.versionOf(document)))
                .body(body);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the read model", e);
        }
    }
}
