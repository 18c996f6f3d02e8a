package io.lms.system.fault;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.types.ObjectId;

/** The query side's collections in one database, and how they compare with the events and with a rebuild. */
final class ReadModels {

    /**
     * Collections of the shared database that are not read models: the event store's, Axon's, the index bookkeeping,
     * the query nodes' heartbeats, and the command side's own (claims of unique keys, password hashes, refresh
     * tokens), which no event rebuilds.
     */
    private static final Set<String> NOT_READ_MODELS = Set.of(
            "events",
            "snapshots",
            "event_counters",
            "tracking_tokens",
            "sagas",
            "index_versions",
            "query_nodes",
            "unique_keys",
            "credentials",
            "refresh_tokens");

    /** Each read model whose documents are created by exactly one kind of event, one document per event. */
    static final Map<String, String> CREATED_BY = new LinkedHashMap<>();

    static {
        CREATED_BY.put("users", "user.UserRegisteredEvent");
        CREATED_BY.put("courses", "course.CourseCreatedEvent");
        CREATED_BY.put("content", "course.ContentAddedEvent");
        CREATED_BY.put("discussion_forums", "forum.ForumCreatedEvent");
        CREATED_BY.put("forum_posts", "forum.ForumPostAddedEvent");
        CREATED_BY.put("enrollments", "enrollment.StudentEnrolledEvent");
        CREATED_BY.put("reviews", "enrollment.ReviewWrittenEvent");
        CREATED_BY.put("certificates", "enrollment.CertificateIssuedEvent");
    }

    private static final int SHOWN = 20;

    private final MongoDatabase database;

    ReadModels(MongoDatabase database) {
        this.database = database;
    }

    /** What is wrong with the read models for this acknowledged command, or null. */
    String unreflected(Acknowledged ack) {
        Object id = ObjectId.isValid(ack.documentId()) ? new ObjectId(ack.documentId()) : ack.documentId();
        Document document = database.getCollection(ack.collection())
                .find(Filters.eq("_id", id))
                .first();
        if (document == null) {
            return ack + ": no document " + ack.documentId() + " in " + ack.collection();
        }
        if (ack.versioned() && ((Number) document.get("version")).longValue() < ack.version()) {
            return ack + ": " + ack.collection() + " reflects version " + document.get("version");
        }
        return null;
    }

    List<String> unreflected(Iterable<Acknowledged> acknowledged) {
        List<String> problems = new ArrayList<>();
        for (Acknowledged ack : acknowledged) {
            String problem = unreflected(ack);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    /** Read models with a number of documents other than the number of events that create them. */
    List<String> countsOtherThan(StoredHistory history) {
        List<String> problems = new ArrayList<>();
        CREATED_BY.forEach((collection, event) -> {
            long documents = database.getCollection(collection).countDocuments();
            if (documents != history.count(event)) {
                problems.add(collection + ": " + documents + " documents for " + history.count(event) + " " + event);
            }
        });
        return problems;
    }

    /** The collections of this database that hold read models. */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (String name : database.listCollectionNames()) {
            if (!NOT_READ_MODELS.contains(name) && !name.startsWith("system.")) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * The differences from {@code rebuilt}, document by document (all fields, compared as BSON values), for every
     * read model either database has; empty when they are equal.
     */
    List<String> differencesFrom(ReadModels rebuilt) {
        List<String> differences = new ArrayList<>();
        Set<String> names = new TreeSet<>(names());
        names.addAll(rebuilt.names());
        for (String name : names) {
            Map<Object, Document> live = byId(name);
            Map<Object, Document> other = rebuilt.byId(name);
            Set<Object> ids = new java.util.LinkedHashSet<>(live.keySet());
            ids.addAll(other.keySet());
            for (Object id : ids) {
                if (!Objects.equals(live.get(id), other.get(id))) {
                    differences.add(
                            name + " " + id + ":\n  live:    " + live.get(id) + "\n  rebuilt: " + other.get(id));
                }
            }
        }
        return differences;
    }

    private Map<Object, Document> byId(String collection) {
        Map<Object, Document> documents = new LinkedHashMap<>();
        database.getCollection(collection)
                .find()
                .sort(Sorts.ascending("_id"))
                .forEach(d -> documents.put(d.get("_id"), d));
        return documents;
    }
}
