package io.lms.query.forum;

import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;
import static io.lms.query.support.Documents.date;
import static io.lms.query.support.Documents.oid;

import io.lms.api.forum.ForumCreatedEvent;
import io.lms.api.forum.ForumEditedEvent;
import io.lms.api.forum.ForumPostAddedEvent;
import io.lms.api.forum.ForumPostDeletedEvent;
import io.lms.api.forum.ForumPostEditedEvent;
import io.lms.query.support.VersionedBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The {@code discussion_forums} and {@code forum_posts} read models, as collections.md documents them, plus
 * {@code version}, the forum's {@code instructor_id} (who moderates and reads it) and {@code post_count}, and a
 * post's {@code deleted} flag. Both documents hold the forum's version: every event of the forum moves the forum
 * document to it, so a read of the forum with {@code min_version} after any command on it, posts included, finds
 * it. {@code post_count} is the number of its posts, deleted ones included (the documents its page of posts
 * counts): one more with each post event that moves the forum's version, so a redelivered or replayed event,
 * which does not, counts nothing twice.
 */
@Component
@ProcessingGroup(ForumProjection.NAME)
public class ForumProjection {

    public static final String NAME = "forums";

    private final ForumReadModel readModel;

    public ForumProjection(ForumReadModel readModel) {
        this.readModel = readModel;
    }

    @EventHandler
    void on(ForumCreatedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        VersionedBatch.upsert(
                readModel.forums(),
                oid(event.forumId()),
                version,
                List.of(
                        set("course_id", oid(event.courseId())),
                        set("title", event.title()),
                        set("description", event.description()),
                        set("created_by", oid(event.createdBy())),
                        set("instructor_id", oid(event.instructorId())),
                        setOnInsert("post_count", 0),
                        setOnInsert("created_at", date(at)),
                        set("updated_at", date(at))));
    }

    @EventHandler
    void on(ForumEditedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        List<Bson> updates = new ArrayList<>();
        if (event.title() != null) {
            updates.add(set("title", event.title()));
        }
        if (event.description() != null) {
            updates.add(set("description", event.description()));
        }
        updates.add(set("updated_at", date(at)));
        VersionedBatch.update(readModel.forums(), oid(event.forumId()), version, updates);
    }

    @EventHandler
    void on(ForumPostAddedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        VersionedBatch.upsert(
                readModel.posts(),
                oid(event.postId()),
                version,
                List.of(
                        set("forum_id", oid(event.forumId())),
                        set("user_id", oid(event.authorId())),
                        set("content", event.content()),
                        setOnInsert("created_at", date(at)),
                        set("updated_at", date(at)),
                        set("parent_post_id", event.parentPostId() == null ? null : oid(event.parentPostId())),
                        set("deleted", false)));
        VersionedBatch.update(readModel.forums(), oid(event.forumId()), version, List.of(inc("post_count", 1)));
    }

    @EventHandler
    void on(ForumPostEditedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        VersionedBatch.update(
                readModel.posts(),
                oid(event.postId()),
                version,
                List.of(set("content", event.content()), set("updated_at", date(at))));
        touchForum(event.forumId(), version);
    }

    /** Soft: the content goes, the document (and so the thread under it) stays. */
    @EventHandler
    void on(ForumPostDeletedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        VersionedBatch.update(
                readModel.posts(),
                oid(event.postId()),
                version,
                List.of(set("content", null), set("deleted", true), set("updated_at", date(at))));
        touchForum(event.forumId(), version);
    }

    @ResetHandler
    void reset() {
        readModel.forums().deleteMany(new Document());
        readModel.posts().deleteMany(new Document());
    }

    /** Posts do not change the forum's {@code updated_at}: the forum's own fields did not change. */
    private void touchForum(String forumId, long version) {
        VersionedBatch.update(readModel.forums(), oid(forumId), version, List.of());
    }
}
