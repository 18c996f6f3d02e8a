package io.lms.query.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Sorts;
import io.lms.platform.json.Json;
import io.lms.platform.mongo.IndexVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.codecs.configuration.CodecRegistries;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * Reads the event store's {@code events} collection for auditors: pages by global position, and a stream of every
 * matching event that holds one batch in memory at a time.
 *
 * <p>It reads the stored documents directly rather than through the Axon engine, because the engine reads the
 * global stream only whole; the layout it relies on is the engine's documented one (docs/event-store.md).
 */
@Component
class AuditTrail {

    /** How many events the driver fetches per round trip while exporting. */
    static final int EXPORT_BATCH = 1_000;

    /** The stored events, each decoded by {@link StoredEventReader} straight from the driver's BSON. */
    private final MongoCollection<AuditEvent> events;

    AuditTrail(MongoDatabaseFactory databaseFactory) {
        MongoCollection<AuditEvent> collection =
                databaseFactory.getMongoDatabase().getCollection("events", AuditEvent.class);
        this.events = collection.withCodecRegistry(CodecRegistries.fromRegistries(
                CodecRegistries.fromCodecs(new StoredEventReader(Json.eventMapper())), collection.getCodecRegistry()));
        // once per definition, not on every start (see docs/operations.md, "Index versions")
        IndexVersions.ensure(databaseFactory.getMongoDatabase(), AuditFilter.INDEXES);
    }

    /** Up to {@code limit} matching events after position {@code after}, oldest first. */
    AuditPage page(AuditFilter filter, long after, int limit) {
        List<AuditEvent> items = new ArrayList<>(limit);
        try (MongoCursor<AuditEvent> cursor = events.find(filter.toBson(after))
                .sort(Sorts.ascending("_id"))
                .limit(limit + 1)
                .iterator()) {
            while (cursor.hasNext() && items.size() < limit) {
                items.add(cursor.next());
            }
            boolean more = cursor.hasNext();
            Long next = more ? items.get(items.size() - 1).position() : null;
            return new AuditPage(items, next);
        }
    }

    /** Every matching event after {@code after}, oldest first, handed over one at a time. */
    void forEach(AuditFilter filter, long after, Consumer<AuditEvent> consumer) {
        try (MongoCursor<AuditEvent> cursor = events.find(filter.toBson(after))
                .sort(Sorts.ascending("_id"))
                .batchSize(EXPORT_BATCH)
                .iterator()) {
            while (cursor.hasNext()) {
                consumer.accept(cursor.next());
            }
        }
    }

    /** A page of the audit trail; {@code nextAfter} is the cursor of the next page, or null on the last. */
    record AuditPage(List<AuditEvent> items, Long nextAfter) {}
}
