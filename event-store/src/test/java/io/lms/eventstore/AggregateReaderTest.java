package io.lms.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.lms.embedded.EmbeddedMongo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.DomainEventData;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Loading an aggregate on states written by hand: appends in flight, failed appends, long streams. */
class AggregateReaderTest {

    private static EmbeddedMongo mongo;
    private PlantedStore store;
    private AggregateReader reader;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @BeforeEach
    void newStore() {
        store = new PlantedStore(mongo, Duration.ofSeconds(10), 100);
        reader = new AggregateReader(store.events, store.wholeAppends, store.markers);
    }

    @AfterEach
    void drop() {
        store.close();
    }

    private static List<Long> sequences(List<? extends DomainEventData<?>> events) {
        return events.stream().map(DomainEventData::getSequenceNumber).toList();
    }

    @Test
    void an_append_whose_other_events_are_not_written_yet_looks_like_the_end_of_the_stream() {
        store.aggregateEvent(1, "a", 0, 1, 1, store.serverNow());
        store.aggregateEvent(2, "a", 1, 2, 4, store.serverNow());
        store.aggregateEvent(3, "a", 2, 2, 4, store.serverNow());
        // index 4 (another aggregate's event of the same append) is not written yet

        assertThat(sequences(reader.fetch("a", 0, 100))).containsExactly(0L);
        assertThat(EventLayout.isSkipped(store.at(2)))
                .as("in flight: left alone")
                .isFalse();
    }

    @Test
    void an_append_that_reaches_other_aggregates_is_delivered_once_whole() {
        store.aggregateEvent(1, "a", 0, 1, 2, store.serverNow());
        store.aggregateEvent(2, "b", 0, 1, 2, store.serverNow());

        assertThat(sequences(reader.fetch("a", 0, 100))).containsExactly(0L);
    }

    @Test
    void a_failed_append_is_dropped_and_its_written_events_become_skip_markers() {
        store.aggregateEvent(1, "a", 0, 1, 1, store.serverNow());
        store.aggregateEvent(2, "a", 1, 2, 3, store.serverNow());
        store.skipMarker(3);

        assertThat(sequences(reader.fetch("a", 0, 100))).containsExactly(0L);
        assertThat(EventLayout.isSkipped(store.at(2))).isTrue();
    }

    @Test
    void a_batch_starts_at_the_asked_sequence_number_and_holds_at_most_the_batch_size() {
        for (int sequence = 0; sequence < 7; sequence++) {
            store.aggregateEvent(sequence + 1, "a", sequence, sequence + 1, sequence + 1, store.serverNow());
        }
        assertThat(sequences(reader.fetch("a", 2, 3))).containsExactly(2L, 3L, 4L);
    }

    @Test
    void a_read_after_the_last_event_looks_up_the_next_key_alone_and_answers_nothing() {
        for (int sequence = 0; sequence < 3; sequence++) {
            store.aggregateEvent(sequence + 1, "a", sequence, sequence + 1, sequence + 1, store.serverNow());
        }
        List<BsonDocument> finds = new CopyOnWriteArrayList<>();
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")) {
                    finds.add(event.getCommand().getDocument("filter"));
                }
            }
        };
        try (MongoClient watched = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.connectionString()))
                .addCommandListener(listener)
                .build())) {
            MongoCollection<BsonDocument> events =
                    watched.getDatabase(store.database.getName()).getCollection("events", BsonDocument.class);
            AggregateReader watchedReader = new AggregateReader(events, new WholeAppends(events), store.markers);

            assertThat(watchedReader.fetch("a", 3, 100)).isEmpty();
            assertThat(finds)
                    .containsExactly(new BsonDocument(
                            EventLayout.AGGREGATE_KEY, new BsonString(EventLayout.aggregateKey("a", 3))));

            finds.clear();
            assertThat(sequences(watchedReader.fetch("a", 1, 100))).containsExactly(1L, 2L);
            assertThat(finds).as("the key, then the batch").hasSize(2);
        }
    }

    @Test
    void the_last_sequence_number_is_found_by_probing_keys() {
        for (int sequence = 0; sequence < 130; sequence++) {
            store.aggregateEvent(sequence + 1, "a", sequence, sequence + 1, sequence + 1, store.serverNow());
        }
        assertThat(reader.lastSequenceNumberFor("a")).hasValue(129L);
        assertThat(reader.lastSequenceNumberFor("unknown")).isEmpty();
    }
}
