package io.lms.query.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The {@link VersionedDocuments} writes of one batch of events, made together when the batch has been handled: per
 * collection one read of the stored versions ({@code _id $in}) and one ordered bulk write, instead of a read and a
 * write per event. The outcome is the one event-by-event writing gives: each write is decided against the version
 * the document has at that point of the batch (stored, or set by an earlier write of the batch), so a redelivered
 * or replayed event still changes nothing. Work that reads what the batch wrote (a count) is registered with
 * {@link #afterWrites} and runs once per key after the writes. A handler that must read a document of the batch
 * first (to work out a field from the stored ones) reads it with {@link #find}, which writes what the batch holds
 * for that collection so far ({@link #flush} does only that, before a query or a write of a handler's own). Writes
 * without a version ({@link #insertOnce}: a document whose id its cause determines) go in the same bulk. A
 * collection's pending writes are also made once there are {@link #MAX_PENDING} of them, which bounds the memory a
 * large fan-out takes.
 *
 * <p>The {@link #interceptor()} of a processing group opens a batch for each unit of work and writes it while
 * handling the unit's last event, so before the processor stores its token: a crash loses the writes and the token
 * together, and the events are handled again. A handler called outside such a unit of work (a test, say) writes at
 * once, as {@link VersionedDocuments} does. Handlers of the group that read or write these collections other than
 * through this class would not see the batch's writes (or would pass them) unless they {@link #flush} first.
 */
public final class VersionedBatch {

    private static final String RESOURCE = VersionedBatch.class.getName();
    /** Pending writes of one collection that are written at once (a fan-out of one event may be large). */
    public static final int MAX_PENDING = 1_000;

    enum Kind {
        /** Inserts the document, or brings an older one up to date. */
        UPSERT,
        /** Changes the document if it exists and is older. */
        UPDATE,
        /** Deletes the document if it exists and is older. */
        DELETE_OLDER,
        /** Deletes the document whatever its version. */
        DELETE,
        /** Inserts the document unless it exists ({@code $setOnInsert} updates); no version is kept or read. */
        INSERT_ONCE
    }

    record Write(Object id, long version, List<Bson> updates, Kind kind) {

        /** Whether it changes a document whose stored version is {@code stored} (-1: none). */
        boolean applies(long stored) {
            return switch (kind) {
                case UPSERT -> stored < version;
                case UPDATE, DELETE_OLDER -> stored >= 0 && stored < version;
                case DELETE -> stored >= 0;
                case INSERT_ONCE -> true; // the write itself changes nothing when the document exists
            };
        }

        /** The version the document has after it (-1: none). */
        long versionAfter() {
            return kind == Kind.UPSERT || kind == Kind.UPDATE ? version : -1;
        }

        /** Whether it sets fields of the document and keeps its version ({@link #versioned}). */
        boolean keepsVersion() {
            return kind == Kind.UPSERT || kind == Kind.UPDATE;
        }

        /** The update an {@link Kind#UPSERT} or {@link Kind#UPDATE} makes, the version included. */
        Bson versioned() {
            return withVersion(updates, version);
        }

        WriteModel<Document> model() {
            return switch (kind) {
                case UPSERT, UPDATE -> new UpdateOneModel<>(
                        Filters.eq("_id", id), versioned(), new UpdateOptions().upsert(kind == Kind.UPSERT));
                case DELETE_OLDER, DELETE -> new DeleteOneModel<>(Filters.eq("_id", id));
                case INSERT_ONCE -> new UpdateOneModel<>(
                        Filters.eq("_id", id), Updates.combine(updates), new UpdateOptions().upsert(true));
            };
        }

        boolean readsVersion() {
            return kind != Kind.INSERT_ONCE;
        }
    }

    private final Map<MongoCollection<Document>, List<Write>> writes = new IdentityHashMap<>();
    private final Map<String, Runnable> afterWrites = new LinkedHashMap<>();

    private VersionedBatch() {}

    /** Opens a batch per unit of work, and writes it after its last event (after every event outside a batch). */
    public static MessageHandlerInterceptor<EventMessage<?>> interceptor() {
        return (unitOfWork, chain) -> {
            VersionedBatch batch = unitOfWork.root().getOrComputeResource(RESOURCE, key -> new VersionedBatch());
            Object result = chain.proceed();
            if (!(unitOfWork instanceof BatchingUnitOfWork<?> batching) || batching.isLastMessage()) {
                batch.write();
            }
            return result;
        };
    }

    /** As {@link VersionedDocuments#upsert}, in the current batch if there is one. */
    public static void upsert(MongoCollection<Document> collection, Object id, long version, List<Bson> updates) {
        current()
                .ifPresentOrElse(
                        batch -> batch.add(collection, new Write(id, version, updates, Kind.UPSERT)),
                        () -> VersionedDocuments.upsert(collection, id, version, updates));
    }

    /** As {@link VersionedDocuments#update}, in the current batch if there is one. */
    public static void update(MongoCollection<Document> collection, Object id, long version, List<Bson> updates) {
        current()
                .ifPresentOrElse(
                        batch -> batch.add(collection, new Write(id, version, updates, Kind.UPDATE)),
                        () -> VersionedDocuments.update(collection, id, version, updates));
    }

    /** Deletes the document if it is older than {@code version}, in the current batch if there is one. */
    public static void deleteOlder(MongoCollection<Document> collection, Object id, long version) {
        current()
                .ifPresentOrElse(
                        batch -> batch.add(collection, new Write(id, version, List.of(), Kind.DELETE_OLDER)),
                        () -> write(collection, List.of(new Write(id, version, List.of(), Kind.DELETE_OLDER))));
    }

    /** Deletes the document whatever its version, in the current batch if there is one. */
    public static void delete(MongoCollection<Document> collection, Object id) {
        current()
                .ifPresentOrElse(
                        batch -> batch.add(collection, new Write(id, Long.MAX_VALUE, List.of(), Kind.DELETE)),
                        () -> collection.deleteOne(Filters.eq("_id", id)));
    }

    /**
     * Inserts the document with these {@code $setOnInsert} updates unless one with its id exists (whatever it
     * holds), in the current batch if there is one: for documents whose id its cause determines, written once.
     */
    public static void insertOnce(MongoCollection<Document> collection, Object id, List<Bson> setOnInsert) {
        Write write = new Write(id, 0, setOnInsert, Kind.INSERT_ONCE);
        current().ifPresentOrElse(batch -> batch.add(collection, write), () -> write(collection, List.of(write)));
    }

    /** The document as the batch's writes so far leave it: they are written first (the ones of this collection). */
    public static Document find(MongoCollection<Document> collection, Object id) {
        flush(collection);
        return collection.find(Filters.eq("_id", id)).first();
    }

    /**
     * Writes the batch's pending writes of this collection now, for a handler that reads or changes the collection
     * other than through this class next.
     */
    public static void flush(MongoCollection<Document> collection) {
        current().ifPresent(batch -> batch.writeNow(collection));
    }

    /** Runs {@code work} after the batch's writes, once for each {@code key}; at once outside a batch. */
    public static void afterWrites(String key, Runnable work) {
        current().ifPresentOrElse(batch -> batch.afterWrites.putIfAbsent(key, work), work);
    }

    private static Optional<VersionedBatch> current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        return Optional.ofNullable(CurrentUnitOfWork.get().root().getResource(RESOURCE));
    }

    private void add(MongoCollection<Document> collection, Write write) {
        List<Write> pending = writes.computeIfAbsent(collection, c -> new ArrayList<>());
        pending.add(write);
        if (pending.size() >= MAX_PENDING) {
            writeNow(collection);
        }
    }

    private void writeNow(MongoCollection<Document> collection) {
        List<Write> pending = writes.remove(collection);
        if (pending != null) {
            write(collection, pending);
        }
    }

    private void write() {
        writes.forEach(VersionedBatch::write);
        writes.clear();
        List<Runnable> work = new ArrayList<>(afterWrites.values());
        afterWrites.clear();
        work.forEach(Runnable::run);
    }

    /** Decides each write against the versions read once, then writes the ones that apply in one ordered bulk. */
    private static void write(MongoCollection<Document> collection, List<Write> batch) {
        List<Write> pending = batch;
        while (!pending.isEmpty()) {
            Map<Object, Long> versions = storedVersions(collection, pending);
            List<Write> applying = new ArrayList<>();
            for (Write write : pending) {
                long stored = versions.getOrDefault(write.id(), -1L);
                if (write.applies(stored)) {
                    applying.add(write);
                    versions.put(write.id(), write.versionAfter());
                }
            }
            pending = bulkWrite(collection, applying);
        }
    }

    /**
     * Writes in order, the writes of one document that only set fields as one update ({@link MergedWrites});
     * answers the writes after one that lost an insert race (decided again), or none.
     */
    private static List<Write> bulkWrite(MongoCollection<Document> collection, List<Write> applying) {
        if (applying.isEmpty()) {
            return List.of();
        }
        MergedWrites merged = MergedWrites.of(applying, collection.getCodecRegistry());
        try {
            collection.bulkWrite(merged.models(), new BulkWriteOptions().ordered(true));
            return List.of();
        } catch (MongoBulkWriteException e) {
            // another writer inserted a document in between: it holds that event or a newer one (as upsert says)
            List<BulkWriteError> errors = e.getWriteErrors();
            if (errors.size() != 1
                    || ErrorCategory.fromErrorCode(errors.get(0).getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return merged.notWrittenAfterFailureOf(errors.get(0).getIndex());
        }
    }

    private static Map<Object, Long> storedVersions(MongoCollection<Document> collection, List<Write> writes) {
        LinkedHashSet<Object> ids = new LinkedHashSet<>();
        writes.stream().filter(Write::readsVersion).forEach(write -> ids.add(write.id()));
        Map<Object, Long> versions = new HashMap<>();
        if (ids.isEmpty()) {
            return versions;
        }
        for (Document stored :
                collection.find(Filters.in("_id", ids)).projection(Projections.include(VersionedDocuments.VERSION))) {
            versions.put(stored.get("_id"), VersionedDocuments.versionOf(stored));
        }
        return versions;
    }

    private static Bson withVersion(List<Bson> updates, long version) {
        List<Bson> all = new ArrayList<>(updates);
        all.add(Updates.set(VersionedDocuments.VERSION, version));
        return Updates.combine(all);
    }
}
