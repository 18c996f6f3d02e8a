package io.lms.platform.axon;

import com.mongodb.client.MongoDatabase;
import io.lms.eventstore.MongoIndexedEventStorageEngine;
import io.lms.platform.json.Json;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * Axon on MongoDB for both services: Jackson for every message, snapshot, token and saga; the event store
 * (our engine), and axon-mongo's token store and saga store, in the application's database. The event storage engine is one bean,
 * so that it can be replaced without touching anything else.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMongoConfiguration {

    @Bean
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(Json.stateMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(Json.eventMapper()).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(Json.eventMapper()).build();
    }

    @Bean
    public MongoTemplate axonMongoTemplate(MongoDatabaseFactory databaseFactory) {
        MongoDatabase database = databaseFactory.getMongoDatabase();
        return DefaultMongoTemplate.builder()
                .mongoDatabase(database)
                .trackingTokensCollectionName("tracking_tokens")
                .sagasCollectionName("sagas")
                .build();
    }

    /**
     * Our engine (module event-store): a global index from an atomic counter, gap-aware tracking, and only
     * equality or {@code $in} lookups on unique keys, so that neither the embedded server nor MongoDB scans.
     * axon-mongo's engine is not used: it orders by a client timestamp and can skip late commits.
     */
    @Bean(destroyMethod = "releaseIndexPool") // a stopping node marks its unused surplus at once
    public MongoIndexedEventStorageEngine eventStorageEngine(
            MongoDatabaseFactory databaseFactory,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer serializer,
            ObjectProvider<EventUpcaster> upcasters,
            @Value("${lms.event-store.gap-timeout:PT10S}") java.time.Duration gapTimeout,
            @Value("${lms.event-store.index-pool.max-surplus:64}") int indexPoolMaxSurplus,
            @Value("${lms.event-store.index-pool.max-age:PT0.02S}") java.time.Duration indexPoolMaxAge,
            @Value("${lms.event-store.catch-up-batch-size:1000}") int catchUpBatchSize) {
        return MongoIndexedEventStorageEngine.builder()
                .mongoDatabase(databaseFactory.getMongoDatabase())
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .gapTimeout(gapTimeout)
                // back-to-back appends (bulk commands, busy nodes) then cost one round trip instead of two
                .indexPool(indexPoolMaxSurplus, indexPoolMaxAge)
                // a processor catching up or a replay reads windows of up to this many events instead of 100
                .catchUpBatchSize(catchUpBatchSize)
                // off the start-up path: the engine ensures its indexes before its first read or write
                .ensureIndexesOnBuild(false)
                .build();
    }

    /**
     * The event store over the engine. Another process (the other service, another node) appends events, so
     * readers poll storage; {@code lms.axon.fetch-delay} bounds how stale a tracking processor can be.
     */
    @Bean
    public EmbeddedEventStore eventStore(
            EventStorageEngine eventStorageEngine,
            @Value("${lms.axon.fetch-delay:PT0.05S}") java.time.Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(eventStorageEngine)
                .fetchDelay(fetchDelay.toMillis())
                .build();
    }

    @Bean
    public NodeId axonNodeId(@Value("${lms.axon.node-id:}") String configured) {
        return NodeId.of(configured);
    }

    /**
     * Token claims name this node as owner; a claim that its owner has not extended for
     * {@code lms.axon.token-claim-timeout} (a node that died) may be taken by another node. A running processor
     * extends its claims at least every second, so the timeout is a bound on how long a dead node's segments wait.
     */
    @Bean
    public TokenStore tokenStore(
            MongoTemplate axonMongoTemplate,
            Serializer serializer,
            NodeId nodeId,
            @Value("${lms.axon.token-claim-timeout:PT10S}") java.time.Duration claimTimeout) {
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .nodeId(nodeId.value())
                .claimTimeout(claimTimeout)
                .build();
    }

    @Bean
    public SagaStore<Object> sagaStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoSagaStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .build();
    }

    @Bean
    public CorrelationDataProvider requestCorrelationDataProvider() {
        return new RequestCorrelationDataProvider();
    }
}
