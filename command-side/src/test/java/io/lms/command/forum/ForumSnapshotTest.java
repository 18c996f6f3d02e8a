package io.lms.command.forum;

import static io.lms.command.forum.ForumFixture.COURSE;
import static io.lms.command.forum.ForumFixture.CREATED;
import static io.lms.command.forum.ForumFixture.FORUM;
import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.forum.ForumPostAddedEvent;
import io.lms.api.forum.ForumPostDeletedEvent;
import io.lms.platform.json.Json;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** A forum's snapshot keeps who wrote each post and which were deleted, in 16 bytes a post, and no content. */
class ForumSnapshotTest {

    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(Json.stateMapper()).build();

    @Test
    void a_forum_snapshot_round_trips_authors_and_deletions_without_contents() {
        Forum forum = forumWithPosts(1_000);
        String first = new ObjectId(0x6b06eb3c, 0).toHexString();
        forum.on(new ForumPostDeletedEvent(FORUM, first, COURSE, author(0), author(0)));

        SerializedObject<String> snapshot = serializer.serialize(forum, String.class);
        Forum restored = serializer.deserialize(snapshot);

        assertThat(restored).usingRecursiveComparison().isEqualTo(forum);
        assertThat(restored.postCount()).isEqualTo(1_000);
        assertThat(snapshot.getData()).doesNotContain("a long post").hasSizeLessThan(1_000 * 16 * 4 / 3 + 2_000);
    }

    @Test
    void post_ids_authors_and_deleted_flags_survive_packing() {
        PostTable table = new PostTable();
        String a = new ObjectId().toHexString();
        String b = new ObjectId().toHexString();
        table.add(a, author(1));
        table.add(b, author(2));
        table.markDeleted(b);

        PostTable unpacked = PostTable.unpack(table.pack());

        assertThat(unpacked.authorOf(a)).isEqualTo(author(1));
        assertThat(unpacked.authorOf(b)).isEqualTo(author(2));
        assertThat(unpacked.isDeleted(a)).isFalse();
        assertThat(unpacked.isDeleted(b)).isTrue();
        assertThat(unpacked.contains(new ObjectId().toHexString())).isFalse();
    }

    private static Forum forumWithPosts(int count) {
        Forum forum = new Forum();
        forum.on(CREATED);
        for (int i = 0; i < count; i++) {
            String postId = new ObjectId(0x6b06eb3c, i).toHexString();
            forum.on(new ForumPostAddedEvent(
                    FORUM, postId, COURSE, author(i % 7), "a long post ".repeat(50), null, null, "Questions"));
        }
        return forum;
    }

    private static String author(int n) {
        return String.format("6b06eb3caa76f936f62d%04x", n);
    }
}
