package io.lms.query.support;

import io.lms.api.error.ErrorCode;
import io.lms.platform.error.DomainException;
import io.lms.platform.error.RetryLaterException;
import io.lms.platform.security.Caller;
import io.lms.platform.web.Versions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * {@code ?min_version=N}: a single-document read waits until its read model reflects version N of the aggregate (at
 * most {@code lms.read-your-writes.max-wait}, 10 s), else answers 503 with {@code Retry-After}. Every such read
 * carries {@code ETag: "version"}.
 *
 * <p>A wait holds a request thread, so only a wait for a version that exists begins: the aggregate's head is looked
 * up in the event store (a few indexed lookups), and a version beyond it is refused at once, with 409 when the
 * caller may read the document, else with the refusal they would get without {@code min_version} (404 or 403), so
 * that the answer tells nothing about a document they may not see. Such a wait ends as soon as the projection
 * catches up; access is checked again at its end. Where the URL does not name the aggregate (a slug, a content
 * item) and the document is not there yet, only a signed-in caller waits, and its head is checked once it appears.
 * At most {@code lms.read-your-writes.max-waiting} reads wait at a time; the next one gets 429.
 */
@Component
public class ReadYourWrites {

    private static final long POLL_MILLIS = 20;

    private final Duration maxWait;
    private final Semaphore waiting;
    private final Function<String, Optional<Long>> lastSequenceNumber;

    @Autowired
    public ReadYourWrites(
            @Value("${lms.read-your-writes.max-wait:PT10S}") Duration maxWait,
            @Value("${lms.read-your-writes.max-waiting:50}") int maxWaiting,
            EventStore eventStore) {
        this(maxWait, maxWaiting, eventStore::lastSequenceNumberFor);
    }

    ReadYourWrites(Duration maxWait, int maxWaiting, Function<String, Optional<Long>> lastSequenceNumber) {
        this.maxWait = maxWait;
        this.waiting = new Semaphore(maxWaiting);
        this.lastSequenceNumber = lastSequenceNumber;
    }

    /**
     * What is read: its name and key for a 404, the aggregate that versions it ({@code aggregateId} when the URL
     * names it, else only {@code aggregateOf} the document once it is there), and who may see it.
     */
    public record Target(
            String what,
            String key,
            String aggregateId,
            Function<Document, String> aggregateOf,
            Consumer<Document> access,
            boolean signedIn) {

        /** A document whose id is its aggregate's id, visible to whoever reaches this read. */
        public static Target aggregate(String what, String id, Caller caller) {
            return new Target(what, id, id, d -> Documents.hex(d.get("_id")), d -> {}, caller.authenticated());
        }

        /** A document of an aggregate that the URL does not name ({@code aggregateOf} finds it in the document). */
        public static Target partOf(String what, String key, Function<Document, String> aggregateOf, Caller caller) {
            return new Target(what, key, null, aggregateOf, d -> {}, caller.authenticated());
        }

        /** A caller who may not see the document gets 404, as if it did not exist. */
        public Target visibleIf(Predicate<Document> rule) {
            return checkedBy(d -> {
                if (!rule.test(d)) {
                    throw DomainException.notFound(what, key);
                }
            });
        }

        /** {@code check} throws the refusal (404, 403) for a caller who may not read the document. */
        public Target checkedBy(Consumer<Document> check) {
            return new Target(what, key, aggregateId, aggregateOf, access.andThen(check), signedIn);
        }
    }

    /** Loads the document, waiting for {@code minVersion} when given; 404 when it does not exist or is not visible. */
    public Document load(Supplier<Optional<Document>> loader, Long minVersion, Target target) {
        if (minVersion == null) {
            return visible(loader.get(), target);
        }
        if (minVersion < 0) {
            throw DomainException.invalid("min_version", "must be 0 or more");
        }
        Optional<Document> document = loader.get();
        if (document.isPresent() && VersionedDocuments.versionOf(document.get()) >= minVersion) {
            return visible(document, target);
        }
        boolean checked = refuseHopelessWait(document, minVersion, target);
        if (!waiting.tryAcquire()) {
            throw new RetryLaterException(
                    ErrorCode.TOO_MANY_WAITING_READS,
                    "Too many reads are waiting for the read models; retry without min_version or shortly",
                    1);
        }
        try {
            return await(loader, minVersion, target, checked);
        } finally {
            waiting.release();
        }
    }

    private Document await(Supplier<Optional<Document>> loader, long minVersion, Target target, boolean checked) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (System.nanoTime() < deadline) {
            sleep();
            Optional<Document> document = loader.get();
            if (document.isPresent() && VersionedDocuments.versionOf(document.get()) >= minVersion) {
                return visible(document, target);
            }
            if (!checked && document.isPresent()) {
                checked = refuseHopelessWait(document, minVersion, target);
            }
        }
        throw new RetryLaterException(
                ErrorCode.READ_MODEL_BEHIND,
                "The " + target.what() + " does not reflect version " + minVersion + " yet; retry shortly",
                1);
    }

    /**
     * Refuses at once a wait that cannot end well. Answers whether the aggregate's head was checked (it is not while
     * the document is missing and the URL does not name its aggregate).
     */
    private boolean refuseHopelessWait(Optional<Document> document, long minVersion, Target target) {
        DomainException refusal = document.isPresent()
                ? refusalFor(document.get(), target)
                : DomainException.notFound(target.what(), target.key());
        String aggregateId = document.map(target.aggregateOf()).orElse(target.aggregateId());
        if (aggregateId == null) {
            if (!target.signedIn()) {
                throw refusal;
            }
            return false;
        }
        Optional<Long> head = lastSequenceNumber.apply(aggregateId);
        if (head.isPresent() && minVersion <= head.get()) {
            return true;
        }
        if (refusal != null) {
            // the same refusal as without min_version: it tells nothing about a document the caller may not see
            throw refusal;
        }
        throw head.map(latest -> new DomainException(
                        ErrorCode.VERSION_DOES_NOT_EXIST,
                        "The " + target.what() + " has no version " + minVersion + "; the latest is " + latest))
                .orElseGet(() -> DomainException.notFound(target.what(), target.key()));
    }

    /** The refusal the caller gets for this document as it is now, or null when they may read it. */
    private static DomainException refusalFor(Document document, Target target) {
        try {
            target.access().accept(document);
            return null;
        } catch (DomainException e) {
            return e;
        }
    }

    private static Document visible(Optional<Document> document, Target target) {
        Document found = document.orElseThrow(() -> DomainException.notFound(target.what(), target.key()));
        target.access().accept(found);
        return found;
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
