package io.lms.query.support;

import io.lms.eventstore.MongoIndexedEventStorageEngine;
import io.lms.platform.json.Json;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/** The event store and token store the services run with (platform's AxonMongoConfiguration), on a test database. */
public record AxonOnWireServer(
        MongoDatabaseFactory database, EmbeddedEventStore eventStore, TokenStore tokenStore, Serializer tokenSerializer)
        implements AutoCloseable {

    public static AxonOnWireServer on(MongoDatabaseFactory database) {
        Serializer stateSerializer =
                JacksonSerializer.builder().objectMapper(Json.stateMapper()).build();
        var engine = MongoIndexedEventStorageEngine.builder()
                .mongoDatabase(database.getMongoDatabase())
                .eventSerializer(JacksonSerializer.builder()
                        .objectMapper(Json.eventMapper())
                        .build())
                .snapshotSerializer(stateSerializer)
                .build();
        var eventStore = EmbeddedEventStore.builder()
                .storageEngine(engine)
                .fetchDelay(20)
                .build();
        var tokenStore = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder()
                        .mongoDatabase(database.getMongoDatabase())
                        .trackingTokensCollectionName(ProjectionPositions.COLLECTION)
                        .build())
                .serializer(stateSerializer)
                .build();
        return new AxonOnWireServer(database, eventStore, tokenStore, stateSerializer);
    }

    @Override
    public void close() {
        eventStore.shutDown();
    }
}
