package io.lms.query.support;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import io.lms.query.support.VersionedBatch.Kind;
import io.lms.query.support.VersionedBatch.Write;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * The bulk write of a batch's applying writes of one collection, where the writes of one document that only set
 * fields ({@code $set}: every upsert and update of a projection, the version included) are one update: a batch
 * holds many events of one aggregate (an enrollment's progress events update it some twenty times), and applying
 * their {@code $set}s one after the other gives the document that setting their fields at once gives, a later
 * value of a field replacing an earlier one. A merged update takes the place of the document's first write; the
 * writes in between are of other documents. A write that does more than set (a delete, a {@code $setOnInsert},
 * an {@code $inc}), or sets a field inside or above one set before ({@code a} and {@code a.b}), ends the document's
 * merge: it and the writes after it go in order as they are.
 */
final class MergedWrites {

    private static final String SET = "$set";

    /** One update of the bulk: the writes it stands for, and for a merge the fields set and whether it upserts. */
    private static final class Merge {
        final List<Write> writes = new ArrayList<>();
        final BsonDocument fields;
        boolean upsert;

        Merge(Write first, BsonDocument fields) {
            writes.add(first);
            this.fields = fields;
            this.upsert = first.kind() == Kind.UPSERT;
        }

        /** Takes the write in when its fields do not overlap a field path of this merge's but differently. */
        boolean absorb(Write write, BsonDocument more) {
            for (String field : more.keySet()) {
                if (!fields.containsKey(field) && overlaps(field)) {
                    return false;
                }
            }
            fields.putAll(more);
            writes.add(write);
            upsert |= write.kind() == Kind.UPSERT;
            return true;
        }

        private boolean overlaps(String field) {
            for (String set : fields.keySet()) {
                if (field.startsWith(set + ".") || set.startsWith(field + ".")) {
                    return true;
                }
            }
            return false;
        }

        WriteModel<Document> model() {
            if (fields == null) {
                return writes.get(0).model();
            }
            return new UpdateOneModel<>(
                    Filters.eq("_id", writes.get(0).id()),
                    new BsonDocument(SET, fields),
                    new UpdateOptions().upsert(upsert));
        }
    }

    private final List<Write> applying;
    private final List<Merge> merges;

    private MergedWrites(List<Write> applying, List<Merge> merges) {
        this.applying = applying;
        this.merges = merges;
    }

    /** The writes (decided, in the order they apply) as few updates. */
    static MergedWrites of(List<Write> applying, CodecRegistry registry) {
        List<Merge> merges = new ArrayList<>(applying.size());
        Map<Object, Merge> open = new HashMap<>();
        for (Write write : applying) {
            BsonDocument fields = setOnly(write, registry);
            Merge merge = open.get(write.id());
            if (fields != null && merge != null && merge.absorb(write, fields)) {
                continue;
            }
            merge = new Merge(write, fields);
            merges.add(merge);
            if (fields != null) {
                open.put(write.id(), merge);
            } else {
                open.remove(write.id());
            }
        }
        return new MergedWrites(applying, merges);
    }

    /** The fields the write sets when setting fields is all it does, else null. */
    private static BsonDocument setOnly(Write write, CodecRegistry registry) {
        if (!write.keepsVersion()) {
            return null;
        }
        BsonDocument update = write.versioned().toBsonDocument(BsonDocument.class, registry);
        if (update.size() != 1 || !update.containsKey(SET)) {
            return null;
        }
        return update.getDocument(SET);
    }

    List<WriteModel<Document>> models() {
        List<WriteModel<Document>> models = new ArrayList<>(merges.size());
        for (Merge merge : merges) {
            models.add(merge.model());
        }
        return models;
    }

    /**
     * The writes not made when the bulk stopped at update {@code failed} (its first write lost an insert race and
     * is dropped, as the document holds that event or a newer one), in their order, to be decided again.
     */
    List<Write> notWrittenAfterFailureOf(int failed) {
        Set<Write> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < failed; i++) {
            done.addAll(merges.get(i).writes);
        }
        done.add(merges.get(failed).writes.get(0));
        List<Write> rest = new ArrayList<>();
        for (Write write : applying) {
            if (!done.contains(write)) {
                rest.add(write);
            }
        }
        return rest;
    }
}
