package io.lms.query.certificate;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.lms.platform.web.PageResponse;
import io.lms.query.support.DocumentPages;
import io.lms.query.support.ReadModelCollections;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * Reads of the {@code certificates} collection. The index on {@code user_id}, created at start-up, serves a
 * student's certificates; a verification reads one document by {@code _id}.
 */
@Component
public class CertificateReadModel {

    private final MongoCollection<Document> certificates;

    public CertificateReadModel(ReadModelCollections collections) {
        this.certificates = collections.get("certificates");
        certificates.createIndex(Indexes.compoundIndex(Indexes.ascending("user_id"), Indexes.descending("issued_at")));
    }

    MongoCollection<Document> certificates() {
        return certificates;
    }

    Optional<Document> find(String id) {
        return Optional.ofNullable(
                certificates.find(Filters.eq("_id", new ObjectId(id))).first());
    }

    /** Newest first. */
    <T> PageResponse<T> ofStudent(String userId, Function<Document, T> view, int page, int size) {
        return DocumentPages.page(
                certificates,
                Filters.eq("user_id", new ObjectId(userId)),
                Sorts.orderBy(Sorts.descending("issued_at"), Sorts.descending("_id")),
                view,
                page,
                size);
    }
}
