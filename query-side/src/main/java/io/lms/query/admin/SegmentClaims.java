package io.lms.query.admin;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.lms.query.support.ProjectionPositions;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * A processor's segment claims in the shared token store, held by the replay's switch so that no node processes
 * the live projection while its collections are swapped.
 *
 * <p>Axon has no call that takes a claim from a node that holds it (a claim only passes on once released or
 * expired), so {@link #takeOver} writes this switch's owner into every segment's entry. A node that held one finds
 * out at its next {@code extendClaim} or {@code storeToken}, which then fail, and its worker releases the segment
 * and does not claim it again while the claim is fresh ({@link #refresh} keeps it so). The one pitfall: a batch that
 * node was handling when the claim was taken still writes its documents before its token store fails; the caller
 * waits for that batch to end before swapping ({@code lms.projections.replay.settle}). The token and the release
 * then go through a token store of the switch's own owner, so Axon serialises the token as always.
 */
@Component
class SegmentClaims {

    private final MongoCollection<Document> tokens;
    private final TokenStore switchStore;
    private final String owner;
    private final Clock clock = Clock.systemUTC();

    SegmentClaims(MongoDatabaseFactory databaseFactory, MongoTemplate axonMongoTemplate, Serializer serializer) {
        this.tokens = databaseFactory.getMongoDatabase().getCollection(ProjectionPositions.COLLECTION);
        this.owner = "projection-replay@" + ManagementFactory.getRuntimeMXBean().getName();
        this.switchStore = MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .nodeId(owner)
                .build();
    }

    /** Claims every segment of the processor for the switch; true when another node held one of them. */
    boolean takeOver(String processor) {
        boolean others = tokens.countDocuments(Filters.and(
                        Filters.eq("processorName", processor), Filters.ne("owner", null), Filters.ne("owner", owner)))
                > 0;
        refresh(processor);
        return others;
    }

    /** Keeps the switch's claims fresh, so that no node takes them as expired. */
    void refresh(String processor) {
        tokens.updateMany(
                Filters.eq("processorName", processor),
                Updates.combine(
                        Updates.set("owner", owner),
                        Updates.set("timestamp", clock.instant().toEpochMilli())));
    }

    /** Every segment of the processor continues from {@code token}, and is free to be claimed again. */
    void releaseAt(String processor, TrackingToken token) {
        for (int segment : switchStore.fetchSegments(processor)) {
            switchStore.storeToken(token, processor, segment);
            switchStore.releaseClaim(processor, segment);
        }
    }

    /** The segments are free to be claimed again, their tokens as they were. */
    void release(String processor) {
        tokens.updateMany(
                Filters.and(Filters.eq("processorName", processor), Filters.eq("owner", owner)),
                Updates.set("owner", null));
    }

    /** Forgets a processor's tokens (the replay's own, once it is over). */
    void delete(String processor) {
        tokens.deleteMany(Filters.eq("processorName", processor));
    }
}
