package io.lms.eventstore;

import static io.lms.eventstore.TestSupport.builder;
import static io.lms.eventstore.TestSupport.readOnce;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.lms.embedded.EmbeddedMongo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tracking stream behind the head reads ever larger windows, up to the catch-up size, and still delivers every
 * event once in order; at the head it reads windows of the batch size.
 */
class CatchUpWindowsTest {

    private static final int EVENTS = 2_345;

    private static EmbeddedMongo mongo;
    private static MongoClient client;

    record Step(long n) {}

    /** Records the size each fetch asked for. */
    static final class CountingEngine extends MongoIndexedEventStorageEngine {
        final List<Integer> asked = new CopyOnWriteArrayList<>();

        CountingEngine(MongoIndexedEventStorageEngine.Builder builder) {
            super(builder);
        }

        @Override
        protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
            asked.add(batchSize);
            return super.fetchTrackedEvents(lastToken, batchSize);
        }
    }

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.connectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void a_stream_from_the_tail_reads_windows_doubling_up_to_the_catch_up_size_and_every_event_once_in_order() {
        MongoDatabase database = client.getDatabase("catch_up_windows");
        database.drop();
        List<String> written = append(builder(database, Duration.ofHours(1)).build());
        CountingEngine reader = new CountingEngine(
                builder(database, Duration.ofHours(1)).batchSize(100).catchUpBatchSize(1_000));

        List<TrackedEventMessage<?>> read = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> stream = reader.readEvents(reader.createTailToken(), false)) {
            stream.forEach(read::add);
        }

        assertThat(read).extracting(EventMessage::getIdentifier).containsExactlyElementsOf(written);
        assertThat(read).extracting(TestSupport::position).isSorted().doesNotHaveDuplicates();
        // 100 + 200 + 400 + 800 = 1,500 read; then 845 of 1,000 (not full: back to 100), then the empty end
        assertThat(reader.asked).containsExactly(100, 200, 400, 800, 1_000, 100);
    }

    @Test
    void a_stream_at_the_head_reads_windows_of_the_batch_size() {
        MongoDatabase database = client.getDatabase("catch_up_windows_head");
        database.drop();
        MongoIndexedEventStorageEngine writer =
                builder(database, Duration.ofHours(1)).build();
        append(writer);
        CountingEngine reader = new CountingEngine(
                builder(database, Duration.ofHours(1)).batchSize(100).catchUpBatchSize(1_000));
        TrackingToken head = reader.createHeadToken();
        writer.appendEvents(new GenericDomainEventMessage<>("Step", "late", 0, new Step(-1)));

        List<TrackedEventMessage<?>> read = readOnce(reader, head);

        assertThat(read)
                .singleElement()
                .extracting(m -> ((Step) m.getPayload()).n())
                .isEqualTo(-1L);
        assertThat(reader.asked).isNotEmpty().allMatch(size -> size == 100);
    }

    /** One event an append: a multi-event append is delivered whole, which would stretch a window. */
    private static List<String> append(MongoIndexedEventStorageEngine writer) {
        List<String> written = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            GenericDomainEventMessage<Step> event = new GenericDomainEventMessage<>("Step", "s-" + i, 0, new Step(i));
            writer.appendEvents(event);
            written.add(event.getIdentifier());
        }
        return written;
    }
}
