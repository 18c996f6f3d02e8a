package io.lms.query.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Idempotent writes for projections. Each read-model document records in {@code version} the sequence number of
 * the last event of its aggregate that it reflects; a write for an event at or below that version changes nothing.
 * So a redelivered event (a crash between the document write and the token update) or a replay leaves the same
 * document, without transactions.
 */
public final class VersionedDocuments {

    public static final String VERSION = "version";

    private VersionedDocuments() {}

    /** For the event that creates the document: inserts it, or brings an older version up to date. */
    public static void upsert(MongoCollection<Document> collection, Object id, long version, List<Bson> updates) {
        try {
            collection.updateOne(
                    newerThanStored(id, version), withVersion(updates, version), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // the document exists at this version or a newer one: the event was applied already
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** For later events of the aggregate: changes the document only if it is older than {@code version}. */
    public static boolean update(MongoCollection<Document> collection, Object id, long version, List<Bson> updates) {
        return collection
                        .updateOne(newerThanStored(id, version), withVersion(updates, version))
                        .getModifiedCount()
                == 1;
    }

    private static Bson newerThanStored(Object id, long version) {
        return Filters.and(Filters.eq("_id", id), Filters.lt(VERSION, version));
    }

    private static Bson withVersion(List<Bson> updates, long version) {
        List<Bson> all = new ArrayList<>(updates);
        all.add(Updates.set(VERSION, version));
        return Updates.combine(all);
    }

    public static long versionOf(Document document) {
        Number version = document.get(VERSION, Number.class);
        return version == null ? -1 : version.longValue();
    }
}
