package io.lms.query.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
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
 *
 * <p>The version is read first and the write is then addressed by {@code _id} alone: the embedded server serves only
 * a filter that is exactly the {@code _id} from its index, and a filter of {@code _id} plus {@code version} made
 * every write scan the collection. Reading then writing is safe because the events of one aggregate are handled by
 * one thread at a time (Axon sequences them per aggregate, in every segment).
 */
public final class VersionedDocuments {

    public static final String VERSION = "version";

    private VersionedDocuments() {}

    /** For the event that creates the document: inserts it, or brings an older version up to date. */
    public static void upsert(MongoCollection<Document> collection, Object id, long version, List<Bson> updates) {
        long stored = storedVersion(collection, id);
        if (stored >= version) {
            return;
        }
        try {
            collection.updateOne(
                    Filters.eq("_id", id), withVersion(updates, version), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // another writer inserted the document in between: it holds this event or a newer one
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** For later events of the aggregate: changes the document only if it exists and is older than {@code version}. */
    public static boolean update(MongoCollection<Document> collection, Object id, long version, List<Bson> updates) {
        long stored = storedVersion(collection, id);
        if (stored < 0 || stored >= version) {
            return false;
        }
        return collection
                        .updateOne(Filters.eq("_id", id), withVersion(updates, version))
                        .getModifiedCount()
                == 1;
    }

    /** The version the stored document reflects, or -1 when there is none. */
    private static long storedVersion(MongoCollection<Document> collection, Object id) {
        Document stored = collection
                .find(Filters.eq("_id", id))
                .projection(Projections.include(VERSION))
                .first();
        return stored == null ? -1 : versionOf(stored);
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
