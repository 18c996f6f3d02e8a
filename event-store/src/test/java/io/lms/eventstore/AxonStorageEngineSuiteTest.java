package io.lms.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.axonframework.eventsourcing.utils.EventStoreTestUtils.AGGREGATE;
import static org.axonframework.eventsourcing.utils.EventStoreTestUtils.createEvent;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.lms.embedded.EmbeddedMongo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngineTest;
import org.axonframework.eventsourcing.utils.TestSerializer;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Axon's own storage-engine contract ({@code BatchingEventStorageEngineTest} from the {@code axon-eventsourcing} tests
 * jar) run against this engine on the embedded memory server, with Axon's XStream test serializer.
 *
 * <p>Every test Axon ships runs as Axon wrote it, except the five overridden below: each is a documented divergence
 * (see {@code docs/event-store.md}, "Divergences from Axon's contract") and is replaced by a test that pins what this
 * engine does instead. Nothing is overridden to make it pass silently.
 */
class AxonStorageEngineSuiteTest
        extends BatchingEventStorageEngineTest<MongoIndexedEventStorageEngine, MongoIndexedEventStorageEngine.Builder> {

    private static EmbeddedMongo mongo;
    private MongoClient client;
    private String databaseName;
    private MongoIndexedEventStorageEngine engine;

    @BeforeAll
    static void startServer() {
        mongo = EmbeddedMongo.inMemory();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @BeforeEach
    void newStore() {
        client = MongoClients.create(mongo.connectionString());
        databaseName = "axon_suite_" + UUID.randomUUID().toString().replace("-", "");
        engine = createEngine();
        setTestSubject(engine);
    }

    @AfterEach
    void dropStore() {
        client.getDatabase(databaseName).drop();
        client.close();
    }

    @Override
    protected MongoIndexedEventStorageEngine createEngine(
            UnaryOperator<MongoIndexedEventStorageEngine.Builder> customization) {
        MongoIndexedEventStorageEngine.Builder builder = MongoIndexedEventStorageEngine.builder()
                .mongoDatabase(client.getDatabase(databaseName))
                .eventSerializer(TestSerializer.xStreamSerializer())
                .snapshotSerializer(TestSerializer.xStreamSerializer());
        return customization.apply(builder).build();
    }

    // ------------------------------------------------------------ tokens at a time: by storage time

    /*
     * Axon places a token at a time by the events' own timestamps. This engine places it by the server's time at
     * which each event's index was taken (reservedAt): that time grows with the index, so "from this time on" is one
     * position and a binary search over unique keys finds it; the events' timestamps are set by the application,
     * need not be ordered, and have no index. Axon's three tests below store events stamped in 2007 and ask for a
     * token at a 2007 time, which in storage time lies before every event.
     */

    /** Divergence: Axon expects the events stamped after the time; we deliver those stored after it. */
    @Test
    @Override
    public void createTokenAt() {
        DomainEventMessage<String> before = createEvent(0, Instant.parse("2007-12-03T10:15:40.00Z"));
        engine.appendEvents(before);
        Instant between = afterAMoment(engine.serverNow());
        DomainEventMessage<String> after = createEvent(1, Instant.parse("2007-12-03T10:15:00.00Z"));
        engine.appendEvents(after);

        assertThat(identifiers(readFrom(engine.createTokenAt(between))))
                .as("stored after the time, although stamped before it")
                .containsExactly(after.getIdentifier());
        assertThat(identifiers(readFrom(engine.createTokenAt(Instant.parse("2007-12-03T10:15:30.00Z")))))
                .as("a time before every storage time reads everything, in index order")
                .containsExactly(before.getIdentifier(), after.getIdentifier());
    }

    /** Divergence: a time after the last event's timestamp but before its storage still reads that event. */
    @Test
    @Override
    public void createTokenAtTimeAfterLastEvent() {
        DomainEventMessage<String> event = createEvent(0, Instant.parse("2007-12-03T10:15:30.00Z"));
        engine.appendEvents(event);
        assertThat(identifiers(readFrom(engine.createTokenAt(Instant.parse("2008-12-03T10:15:30.00Z")))))
                .containsExactly(event.getIdentifier());

        Instant afterStorage = afterAMoment(engine.serverNow());
        assertThat(readFrom(engine.createTokenAt(afterStorage)))
                .as("a time after the last storage time is the head")
                .isEmpty();
        assertThat(engine.createTokenAt(afterStorage)).isEqualTo(engine.createHeadToken());
    }

    /** Divergence: events of one append share their storage time, so a token never splits them by timestamp. */
    @Test
    @Override
    public void createTokenWithUnorderedEvents() {
        List<DomainEventMessage<?>> events = List.of(
                createEvent(0, Instant.parse("2007-12-03T10:15:30.00Z")),
                createEvent(1, Instant.parse("2007-12-03T10:15:50.00Z")),
                createEvent(2, Instant.parse("2007-12-03T10:15:42.00Z")));
        Instant beforeStorage = engine.serverNow().minusSeconds(1);
        engine.appendEvents(events);
        Instant afterStorage = afterAMoment(engine.serverNow());

        assertThat(identifiers(readFrom(engine.createTokenAt(beforeStorage))))
                .containsExactlyElementsOf(
                        events.stream().map(EventMessage::getIdentifier).toList());
        assertThat(readFrom(engine.createTokenAt(afterStorage))).isEmpty();
    }

    // ------------------------------------------------------------ creating an aggregate twice: a concurrency conflict

    /*
     * Axon throws AggregateStreamCreationException (not a ConcurrencyException) when the first event of an
     * aggregate, or an event with a taken identifier at sequence 0, is stored twice. This engine throws a
     * ConcurrencyException for every duplicate key that the persistence exception resolver recognises, at sequence
     * 0 too: two commands that create one aggregate at the same time are a concurrency conflict to the caller (the
     * application answers 409 for it), and the engine's own contract (EventStoreContract) pins that type.
     */

    /** Divergence: a second first event of an aggregate is a {@link ConcurrencyException}. */
    @Test
    @Override
    public void storeDuplicateFirstEventWithExceptionTranslatorThrowsAggregateIdentifierAlreadyExistsException() {
        Throwable failure = catchThrowable(() -> engine.appendEvents(createEvent(0), createEvent(0)));
        assertThat(failure).isInstanceOf(ConcurrencyException.class);
        assertThat(engine.readEvents(AGGREGATE).asStream())
                .as("no event of the failed append is stored")
                .isEmpty();
    }

    /** Divergence: a taken event identifier at sequence 0 is a {@link ConcurrencyException}. */
    @Test
    @Override
    public void uniqueKeyConstraintOnFirstEventIdentifierThrowsAggregateIdentifierAlreadyExistsException() {
        Throwable failure = catchThrowable(
                () -> engine.appendEvents(createEvent("id", AGGREGATE, 0), createEvent("id", "otherAggregate", 0)));
        assertThat(failure).isInstanceOf(ConcurrencyException.class).hasMessageContaining("[id]");
    }

    private static Instant afterAMoment(Instant time) {
        sleep(20);
        Instant later = time.plusMillis(1);
        sleep(20);
        return later;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<TrackedEventMessage<?>> readFrom(TrackingToken token) {
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(token, false)) {
            return stream.<TrackedEventMessage<?>>map(e -> e).toList();
        }
    }

    private static List<String> identifiers(List<? extends EventMessage<?>> events) {
        return events.stream().map(EventMessage::getIdentifier).toList();
    }
}
