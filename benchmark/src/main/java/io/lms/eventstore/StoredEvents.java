package io.lms.eventstore;

import java.time.Instant;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;

/**
 * For seeding benchmarks (in the engine's package, as {@link EventLayout} is package-private): the document the
 * engine stores for {@code event} when it is appended alone (one event a command) at global index {@code index}, so
 * a seeder writes many commands' events in one insert without making them one multi-event append.
 */
public final class StoredEvents {

    private StoredEvents() {}

    public static BsonDocument singleAppend(
            long index, EventMessage<?> event, Serializer serializer, Instant reservedAt) {
        BsonDocument document = new BsonDocument(EventLayout.ID, new BsonInt64(index));
        document.putAll(EventLayout.eventDocument(event, serializer));
        document.put(EventLayout.RESERVED_AT, new BsonDateTime(reservedAt.toEpochMilli()));
        return document;
    }
}
