package io.lms.query.forum;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.lms.api.forum.ForumCreatedEvent;
import io.lms.api.forum.ForumPostAddedEvent;
import io.lms.query.support.ReadModelCollections;
import io.lms.query.support.WireServer;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * A forum document written before {@code post_count} existed: the query side's next start counts its posts once,
 * and the projection counts on from there.
 */
class ForumPostCountsTest {

    private static final String FORUM = "6b06eb3caa76f936f62db900";
    private static final String COURSE = "6b06eb3caa76f936f62db700";
    private static final String TEACHER = "6b06eb3caa76f936f62db6f1";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void a_forum_without_a_post_count_is_counted_at_start_and_the_next_post_counts_on() {
        MongoDatabaseFactory database = WireServer.freshDatabase("forum_post_counts_test");
        ForumReadModel before = new ForumReadModel(ReadModelCollections.of(database));
        ForumProjection projection = new ForumProjection(before);
        projection.on(new ForumCreatedEvent(FORUM, COURSE, TEACHER, TEACHER, "Questions", "Ask"), 0, T0);
        for (int version = 1; version <= 3; version++) {
            projection.on(post(), version, T0);
        }
        before.forums().updateOne(Filters.eq("_id", new ObjectId(FORUM)), Updates.unset("post_count"));

        ForumReadModel restarted = new ForumReadModel(ReadModelCollections.of(database));
        assertThat(restarted
                        .findForum(FORUM)
                        .orElseThrow()
                        .get("post_count", Number.class)
                        .longValue())
                .isEqualTo(3);

        new ForumProjection(restarted).on(post(), 4, T0);
        assertThat(restarted
                        .postsOf(restarted.findForum(FORUM).orElseThrow(), 0, 20)
                        .total())
                .isEqualTo(4);
    }

    private static ForumPostAddedEvent post() {
        return new ForumPostAddedEvent(
                FORUM, new ObjectId().toHexString(), COURSE, TEACHER, "A post", null, null, "Questions");
    }
}
