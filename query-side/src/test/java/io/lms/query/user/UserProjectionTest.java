package io.lms.query.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.common.Role;
import io.lms.api.user.Profile;
import io.lms.api.user.UserPasswordChangedEvent;
import io.lms.api.user.UserProfileChangedEvent;
import io.lms.api.user.UserRegisteredEvent;
import io.lms.api.user.UserRoleChangedEvent;
import io.lms.query.BatchedDelivery;
import io.lms.query.support.ReadModelCollections;
import io.lms.query.support.WireServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Feeds user events to the projection and reads the documents back from a real wire server. */
class UserProjectionTest {

    private static final String ID = "6b06eb3caa76f936f62db6fc";
    private static final String OTHER = "6b06eb3caa76f936f62db6fd";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123Z");
    private static final Instant T1 = Instant.parse("2026-11-25T11:00:00Z");
    private static final UserRegisteredEvent REGISTERED =
            new UserRegisteredEvent(ID, "alice", "Alice@Example.com", Role.STUDENT, new Profile("Alice", null, null));

    private UserReadModel readModel;
    private UserProjection projection;

    @BeforeEach
    void setUp() {
        var factory = WireServer.freshDatabase("users_projection_test");
        readModel = new UserReadModel(ReadModelCollections.of(factory));
        readModel.collection().deleteMany(new Document());
        projection = new UserProjection(readModel);
    }

    private Document stored() {
        return readModel
                .collection()
                .find(new Document("_id", new ObjectId(ID)))
                .first();
    }

    @Test
    void a_registration_becomes_a_user_document_in_the_documented_shape() {
        projection.on(REGISTERED, 0, T0);

        Document user = stored();
        assertThat(user.getString("username")).isEqualTo("alice");
        assertThat(user.getString("email")).isEqualTo("Alice@Example.com");
        assertThat(user.getString("role")).isEqualTo("student");
        assertThat(user.get("profile", Document.class))
                .containsEntry("full_name", "Alice")
                .containsEntry("bio", null)
                .containsEntry("avatar_url", null);
        assertThat(user.getDate("created_at")).isEqualTo(Date.from(T0));
        assertThat(user.getDate("updated_at")).isEqualTo(Date.from(T0));
        assertThat(user).doesNotContainKey("password_hash").doesNotContainKey("password");
        assertThat(user.get("version", Number.class).longValue()).isZero();
    }

    @Test
    void later_events_update_the_document_and_its_version() {
        projection.on(REGISTERED, 0, T0);
        projection.on(new UserProfileChangedEvent(ID, new Profile("Alice", "bio", null)), 1, T1);
        projection.on(new UserRoleChangedEvent(ID, Role.INSTRUCTOR, Role.STUDENT), 2, T1);
        projection.on(new UserPasswordChangedEvent(ID), 3, T1.plusSeconds(5));

        Document user = stored();
        assertThat(user.get("profile", Document.class)).containsEntry("bio", "bio");
        assertThat(user.getString("role")).isEqualTo("instructor");
        assertThat(user.getDate("created_at")).isEqualTo(Date.from(T0));
        assertThat(user.getDate("updated_at")).isEqualTo(Date.from(T1.plusSeconds(5)));
        assertThat(user.get("version", Number.class).longValue()).isEqualTo(3);
    }

    @Test
    void an_event_applied_twice_changes_nothing() {
        projection.on(REGISTERED, 0, T0);
        projection.on(new UserProfileChangedEvent(ID, new Profile("Alice", "bio", null)), 1, T1);
        Document once = stored();

        projection.on(REGISTERED, 0, T0.plusSeconds(99));
        projection.on(new UserProfileChangedEvent(ID, new Profile("Alice", "bio", null)), 1, T1.plusSeconds(99));

        assertThat(stored()).isEqualTo(once);
    }

    @Test
    void an_older_event_delivered_late_does_not_undo_a_newer_one() {
        projection.on(REGISTERED, 0, T0);
        projection.on(new UserRoleChangedEvent(ID, Role.AUDITOR, Role.STUDENT), 2, T1);

        projection.on(new UserRoleChangedEvent(ID, Role.INSTRUCTOR, Role.STUDENT), 1, T0.plusSeconds(1));

        assertThat(stored().getString("role")).isEqualTo("auditor");
    }

    @Test
    void a_replay_from_the_first_event_rebuilds_the_same_document() {
        projection.on(REGISTERED, 0, T0);
        projection.on(new UserProfileChangedEvent(ID, new Profile("Alice", "bio", null)), 1, T1);
        Document before = stored();

        projection.reset();
        assertThat(stored()).isNull();
        projection.on(REGISTERED, 0, T0);
        projection.on(new UserProfileChangedEvent(ID, new Profile("Alice", "bio", null)), 1, T1);

        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void batches_of_any_size_give_the_documents_that_one_event_at_a_time_gives() {
        List<Object> payloads = List.of(
                REGISTERED,
                new UserProfileChangedEvent(ID, new Profile("Alice", "bio", null)),
                new UserRoleChangedEvent(ID, Role.INSTRUCTOR, Role.STUDENT),
                new UserPasswordChangedEvent(ID),
                new UserRegisteredEvent(OTHER, "bob", "bob@example.com", Role.STUDENT, null),
                new UserRoleChangedEvent(OTHER, Role.AUDITOR, Role.STUDENT));
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            String user = i < 4 ? ID : OTHER;
            long version = i < 4 ? i : i - 4;
            events.add(new GenericDomainEventMessage<>(
                    "User",
                    user,
                    version,
                    payloads.get(i),
                    MetaData.emptyInstance(),
                    new ObjectId().toHexString(),
                    T0.plusSeconds(i)));
        }
        BatchedDelivery.oneByOne(List.of(new AnnotationEventHandlerAdapter(projection)), events);
        List<Document> expected = all(readModel);

        for (int size : new int[] {1, 2, 4}) {
            UserReadModel batched =
                    new UserReadModel(ReadModelCollections.of(WireServer.freshDatabase("users_batch_" + size)));
            BatchedDelivery.inBatches(
                    List.of(new AnnotationEventHandlerAdapter(new UserProjection(batched))), events, size);

            assertThat(all(batched)).as("batches of %d", size).isEqualTo(expected);
        }
        assertThat(expected).hasSize(2);
        assertThat(expected.get(0).getString("role")).isEqualTo("instructor");
    }

    private static List<Document> all(UserReadModel model) {
        return model.collection().find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }
}
