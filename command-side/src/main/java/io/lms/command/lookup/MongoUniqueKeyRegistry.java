package io.lms.command.lookup;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * Claims live in the {@code unique_keys} collection, one document per key with the key as {@code _id}: the
 * unique {@code _id} index decides every race, on the embedded server as on MongoDB, without transactions.
 *
 * <p>A claim whose owner never got an event stored (the process died between claim and append) is an orphan;
 * once it is older than the grace period, a new owner may take it over.
 */
@Component
public class MongoUniqueKeyRegistry implements UniqueKeyRegistry {

    private static final Logger log = LoggerFactory.getLogger(MongoUniqueKeyRegistry.class);

    private final MongoCollection<Document> keys;
    private final EventStore eventStore;
    private final Duration orphanGrace;

    public MongoUniqueKeyRegistry(
            MongoDatabaseFactory databaseFactory,
            EventStore eventStore,
            @Value("${lms.unique-keys.orphan-grace:PT1M}") Duration orphanGrace) {
        this.keys = databaseFactory.getMongoDatabase().getCollection("unique_keys");
        this.eventStore = eventStore;
        this.orphanGrace = orphanGrace;
    }

    @Override
    public boolean claim(String key, String owner) {
        try {
            keys.insertOne(new Document("_id", key).append("owner", owner).append("claimed_at", new Date()));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document existing = keys.find(Filters.eq("_id", key)).first();
        if (existing == null) {
            return claim(key, owner);
        }
        String holder = existing.getString("owner");
        if (holder.equals(owner)) {
            return true;
        }
        return takeOverOrphan(key, existing, owner);
    }

    private boolean takeOverOrphan(String key, Document existing, String owner) {
        String holder = existing.getString("owner");
        Instant claimedAt = existing.getDate("claimed_at").toInstant();
        boolean old = claimedAt.isBefore(Instant.now().minus(orphanGrace));
        if (!old || eventStore.lastSequenceNumberFor(holder).isPresent()) {
            return false;
        }
        long replaced = keys.replaceOne(
                        Filters.and(Filters.eq("_id", key), Filters.eq("owner", holder)),
                        new Document("_id", key).append("owner", owner).append("claimed_at", new Date()))
                .getModifiedCount();
        if (replaced == 1) {
            log.warn("took over key {} from {}, whose registration never stored an event", key, holder);
        }
        return replaced == 1;
    }

    @Override
    public void release(String key, String owner) {
        keys.deleteOne(Filters.and(Filters.eq("_id", key), Filters.eq("owner", owner)));
    }

    @Override
    public Optional<String> ownerOf(String key) {
        return Optional.ofNullable(keys.find(Filters.eq("_id", key)).first()).map(d -> d.getString("owner"));
    }
}
