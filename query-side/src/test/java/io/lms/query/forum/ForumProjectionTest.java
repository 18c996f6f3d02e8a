package io.lms.query.forum;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.forum.ForumCreatedEvent;
import io.lms.api.forum.ForumEditedEvent;
import io.lms.api.forum.ForumPostAddedEvent;
import io.lms.api.forum.ForumPostDeletedEvent;
import io.lms.api.forum.ForumPostEditedEvent;
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

/** Feeds forum events to the projection and reads the documents back from a real wire server. */
class ForumProjectionTest {

    private static final String FORUM = "6b06eb3caa76f936f62db800";
    private static final String COURSE = "6b06eb3caa76f936f62db700";
    private static final String TEACHER = "6b06eb3caa76f936f62db6f1";
    private static final String STUDENT = "6b06eb3caa76f936f62db6f3";
    private static final String POST = "6b06eb3caa76f936f62db810";
    private static final String REPLY = "6b06eb3caa76f936f62db811";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123Z");
    private static final Instant T1 = Instant.parse("2026-11-25T11:00:00Z");

    private ForumReadModel readModel;
    private ForumProjection projection;

    @BeforeEach
    void setUp() {
        readModel = new ForumReadModel(ReadModelCollections.of(WireServer.freshDatabase("forum_projection_test")));
        projection = new ForumProjection(readModel);
        projection.reset();
    }

    private void history() {
        projection.on(new ForumCreatedEvent(FORUM, COURSE, TEACHER, TEACHER, "Questions", "Ask"), 0, T0);
        projection.on(new ForumPostAddedEvent(FORUM, POST, COURSE, STUDENT, "Hello?", null, null, "Questions"), 1, T0);
        projection.on(new ForumPostAddedEvent(FORUM, REPLY, COURSE, TEACHER, "Hi!", POST, STUDENT, "Questions"), 2, T1);
        projection.on(new ForumEditedEvent(FORUM, COURSE, "Help", null), 3, T1);
        projection.on(new ForumPostEditedEvent(FORUM, REPLY, COURSE, TEACHER, "Hi there!"), 4, T1);
        projection.on(new ForumPostDeletedEvent(FORUM, POST, COURSE, STUDENT, STUDENT), 5, T1);
    }

    /** The events of {@link #history}, as the forum's event messages. */
    private static List<EventMessage<?>> messages() {
        List<Object> payloads = List.of(
                new ForumCreatedEvent(FORUM, COURSE, TEACHER, TEACHER, "Questions", "Ask"),
                new ForumPostAddedEvent(FORUM, POST, COURSE, STUDENT, "Hello?", null, null, "Questions"),
                new ForumPostAddedEvent(FORUM, REPLY, COURSE, TEACHER, "Hi!", POST, STUDENT, "Questions"),
                new ForumEditedEvent(FORUM, COURSE, "Help", null),
                new ForumPostEditedEvent(FORUM, REPLY, COURSE, TEACHER, "Hi there!"),
                new ForumPostDeletedEvent(FORUM, POST, COURSE, STUDENT, STUDENT));
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int version = 0; version < payloads.size(); version++) {
            messages.add(new GenericDomainEventMessage<>(
                    "Forum",
                    FORUM,
                    version,
                    payloads.get(version),
                    MetaData.emptyInstance(),
                    new ObjectId().toHexString(),
                    version < 2 ? T0 : T1));
        }
        return messages;
    }

    @Test
    void batches_of_any_size_give_the_documents_that_one_event_at_a_time_gives() {
        history();
        List<Document> expected = all();

        for (int size : new int[] {1, 2, 4, messages().size()}) {
            ForumReadModel batched =
                    new ForumReadModel(ReadModelCollections.of(WireServer.freshDatabase("forum_batch_" + size)));
            BatchedDelivery.inBatches(
                    List.of(new AnnotationEventHandlerAdapter(new ForumProjection(batched))), messages(), size);

            assertThat(all(batched)).as("batches of %d", size).isEqualTo(expected);
        }
    }

    /** The forum's document, as the posts endpoint reads it before the page. */
    private Document forum() {
        return readModel.findForum(FORUM).orElseThrow();
    }

    /** The forum of {@link #history} and {@code n} more posts by the student, as event messages from version 0. */
    private static List<EventMessage<?>> forumWithPosts(int n) {
        List<EventMessage<?>> messages = new ArrayList<>(messages());
        for (int i = 0; i < n; i++) {
            String post = new ObjectId().toHexString();
            messages.add(new GenericDomainEventMessage<>(
                    "Forum",
                    FORUM,
                    messages.size(),
                    new ForumPostAddedEvent(FORUM, post, COURSE, STUDENT, "Post " + i, null, null, "Help"),
                    MetaData.emptyInstance(),
                    new ObjectId().toHexString(),
                    T1.plusSeconds(i)));
        }
        return messages;
    }

    private List<Document> all() {
        return all(readModel);
    }

    private static List<Document> all(ForumReadModel readModel) {
        List<Document> all = new ArrayList<>();
        readModel.forums().find().sort(new Document("_id", 1)).into(all);
        readModel.posts().find().sort(new Document("_id", 1)).into(all);
        return all;
    }

    @Test
    void a_forum_and_its_threads_become_documents_in_the_documented_shape() {
        history();

        Document forum = readModel.findForum(FORUM).orElseThrow();
        assertThat(forum.getObjectId("course_id")).isEqualTo(new ObjectId(COURSE));
        assertThat(forum.getString("title")).isEqualTo("Help");
        assertThat(forum.getString("description")).isEqualTo("Ask");
        assertThat(forum.getObjectId("created_by")).isEqualTo(new ObjectId(TEACHER));
        assertThat(forum.getDate("created_at")).isEqualTo(Date.from(T0));
        assertThat(forum.getLong("version")).isEqualTo(5);
        Document reply = readModel.findPost(FORUM, REPLY).orElseThrow();
        assertThat(reply.getObjectId("parent_post_id")).isEqualTo(new ObjectId(POST));
        assertThat(reply.getObjectId("user_id")).isEqualTo(new ObjectId(TEACHER));
        assertThat(reply.getString("content")).isEqualTo("Hi there!");
    }

    @Test
    void a_deleted_post_keeps_its_place_in_the_thread_without_its_content() {
        history();

        Document deleted = readModel.findPost(FORUM, POST).orElseThrow();
        assertThat(deleted.get("content")).isNull();
        assertThat(deleted.getBoolean("deleted")).isTrue();
        assertThat(readModel.postsOf(forum(), 0, 20).items())
                .extracting(p -> p.id())
                .containsExactly(POST, REPLY);
    }

    @Test
    void the_page_total_is_the_number_of_the_forums_post_documents_deleted_ones_included() {
        history();

        assertThat(forum().get("post_count")).isEqualTo(2);
        assertThat(readModel.postsOf(forum(), 0, 20).total())
                .isEqualTo(readModel.posts().countDocuments(new Document("forum_id", new ObjectId(FORUM))));
    }

    @Test
    void pages_of_a_forum_with_many_posts_are_the_sorted_posts_with_their_count_as_total() {
        BatchedDelivery.inBatches(List.of(new AnnotationEventHandlerAdapter(projection)), forumWithPosts(43), 10);
        List<String> sorted = new ArrayList<>();
        readModel
                .posts()
                .find(new Document("forum_id", new ObjectId(FORUM)))
                .sort(new Document("created_at", 1).append("_id", 1))
                .forEach(p -> sorted.add(p.getObjectId("_id").toHexString()));

        assertThat(sorted).hasSize(45);
        for (int page = 0; page < 4; page++) {
            var answer = readModel.postsOf(forum(), page, 20);
            assertThat(answer.total()).as("page %d", page).isEqualTo(45);
            assertThat(answer.items())
                    .as("page %d", page)
                    .extracting(p -> p.id())
                    .isEqualTo(sorted.subList(Math.min(45, page * 20), Math.min(45, page * 20 + 20)));
        }
    }

    @Test
    void post_count_is_exact_when_batches_are_delivered_again_and_after_a_replay() {
        List<AnnotationEventHandlerAdapter> handlers = List.of(new AnnotationEventHandlerAdapter(projection));
        List<EventMessage<?>> events = forumWithPosts(30);
        BatchedDelivery.inBatches(handlers, events.subList(0, 20), 7);
        // a crash after the writes and before the token: the last batches come again, overlapping the next ones
        BatchedDelivery.inBatches(handlers, events.subList(10, events.size()), 6);
        BatchedDelivery.inBatches(handlers, events, 9);
        assertThat(forum().get("post_count")).isEqualTo(32);

        projection.reset();
        BatchedDelivery.inBatches(handlers, events, 5);

        assertThat(forum().get("post_count")).isEqualTo(32);
        assertThat(readModel.postsOf(forum(), 1, 20).total()).isEqualTo(32);
    }

    @Test
    void redelivering_every_event_changes_nothing() {
        history();
        List<Document> once = all();

        history();

        assertThat(all()).isEqualTo(once);
    }

    @Test
    void a_replay_after_reset_gives_identical_documents() {
        history();
        List<Document> before = all();

        projection.reset();
        history();

        assertThat(all()).isEqualTo(before);
    }

    @Test
    void a_post_is_found_only_under_its_own_forum() {
        history();

        assertThat(readModel.findPost("6b06eb3caa76f936f62db8ff", POST)).isEmpty();
    }
}
