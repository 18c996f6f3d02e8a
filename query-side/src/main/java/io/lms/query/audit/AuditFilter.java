package io.lms.query.audit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import io.lms.platform.error.DomainException;
import io.lms.platform.mongo.CollectionIndexes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.conversions.Bson;

/**
 * What an auditor asks of the global stream: each field is optional, and the present ones must all hold. {@code to}
 * is exclusive, so that consecutive windows neither overlap nor leave a gap.
 *
 * <p>Each filter is served by an index of the {@code events} collection on MongoDB, so a filtered page reads only the
 * matching events after the cursor: {@code aggregate_id} by the event store's own {@code aggregateKey} index (a range
 * over that aggregate's keys), and the others by the indexes of {@link #INDEXES}.
 */
record AuditFilter(
        AuditedAggregateType aggregateType,
        String aggregateId,
        String storedType,
        String userId,
        Instant from,
        Instant to) {

    /** The secondary indexes the audit trail adds to {@code events}; each ends with {@code _id}, the cursor. */
    static final CollectionIndexes INDEXES = CollectionIndexes.of(
            "events",
            Indexes.ascending("aggregateType", "_id"),
            Indexes.ascending("payloadType", "_id"),
            Indexes.ascending("metaData.user_id", "_id"),
            Indexes.ascending("timestamp"));

    AuditFilter {
        if (from != null && to != null && !from.isBefore(to)) {
            throw DomainException.invalid("to", "must be after from");
        }
        if (aggregateId != null && aggregateId.isBlank()) {
            throw DomainException.invalid("aggregate_id", "must not be blank");
        }
    }

    static AuditFilter forAggregate(AuditedAggregateType type, String aggregateId) {
        return new AuditFilter(type, aggregateId, null, null, null, null);
    }

    /** The query for the events that pass, skip markers excluded, with global positions above {@code after}. */
    Bson toBson(long after) {
        List<Bson> all = new ArrayList<>();
        all.add(Filters.gt("_id", after));
        all.add(Filters.exists("eventId"));
        if (aggregateId != null) {
            // the keys of one aggregate are "<id>#<19-digit sequence>": '$' is the character after '#'
            all.add(Filters.gte("aggregateKey", aggregateId + "#"));
            all.add(Filters.lt("aggregateKey", aggregateId + "$"));
        }
        if (aggregateType != null) {
            all.add(Filters.eq("aggregateType", aggregateType.storedName()));
        }
        if (storedType != null) {
            all.add(Filters.eq("payloadType", storedType));
        }
        if (userId != null) {
            all.add(Filters.eq("metaData.user_id", userId));
        }
        if (from != null) {
            all.add(Filters.gte("timestamp", Date.from(from)));
        }
        if (to != null) {
            all.add(Filters.lt("timestamp", Date.from(to)));
        }
        return Filters.and(all);
    }
}
