package io.lms.query.support;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * How far a projection has got, read without claiming its token. Axon's {@code TokenStore.fetchToken} claims the
 * segment, which would take it from the node running the projection, so this reads axon-mongo's
 * {@code tracking_tokens} documents ({@code processorName}, {@code segment}, {@code token} as bytes,
 * {@code tokenType}) and deserializes them with the token store's serializer (the primary one), the way {@code MongoTokenStore} does (ProjectionPositionsTest pins
 * that format against the real token store).
 */
@Component
public class ProjectionPositions {

    public static final String COLLECTION = "tracking_tokens";

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;

    public ProjectionPositions(MongoDatabaseFactory databaseFactory, Serializer serializer) {
        this.tokens = databaseFactory.getMongoDatabase().getCollection(COLLECTION);
        this.serializer = serializer;
    }

    /**
     * A position that every segment of the processor has passed: each event at or before it is reflected in the
     * read model. Empty when the processor has no token yet, or a segment starts from the first event; then
     * nothing can be assumed and a reader starts at the beginning. A replaying segment counts with the position
     * its replay has reached, not the one it had before the reset.
     */
    public Optional<TrackingToken> passedBy(String processorName) {
        TrackingToken lowest = null;
        boolean any = false;
        for (Document entry : tokens.find(Filters.eq("processorName", processorName))) {
            any = true;
            Binary bytes = entry.get("token", Binary.class);
            if (bytes == null) {
                return Optional.empty();
            }
            TrackingToken token = new GenericTokenEntry<>(
                            bytes.getData(),
                            entry.getString("tokenType"),
                            Instant.EPOCH.toString(),
                            entry.getString("owner"),
                            processorName,
                            entry.getInteger("segment", 0),
                            byte[].class)
                    .getToken(serializer);
            TrackingToken reached = WrappedToken.unwrapLowerBound(token);
            if (reached == null) {
                return Optional.empty();
            }
            lowest = lowest == null ? reached : lowest.lowerBound(reached);
        }
        return any ? Optional.ofNullable(lowest) : Optional.empty();
    }
}
