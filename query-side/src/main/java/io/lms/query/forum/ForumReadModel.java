package io.lms.query.forum;

import static io.lms.query.support.Documents.hex;
import static io.lms.query.support.Documents.instant;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.lms.api.forum.ForumPostView;
import io.lms.api.forum.ForumView;
import io.lms.platform.web.PageResponse;
import io.lms.query.support.ReadModelCollections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * Reads of {@code discussion_forums} and {@code forum_posts}, and their mapping to the API's views. The lists are
 * served from indexes created here, at start-up: forums by course, posts by forum, both oldest first.
 */
@Component
public class ForumReadModel {

    private final MongoCollection<Document> forums;
    private final MongoCollection<Document> posts;

    public ForumReadModel(ReadModelCollections collections) {
        this.forums = collections.get("discussion_forums");
        this.posts = collections.get("forum_posts");
        forums.createIndex(Indexes.ascending("course_id", "created_at", "_id"));
        posts.createIndex(Indexes.ascending("forum_id", "created_at", "_id"));
        ForumPostCounts.backfill(forums, posts);
    }

    MongoCollection<Document> forums() {
        return forums;
    }

    MongoCollection<Document> posts() {
        return posts;
    }

    Optional<Document> findForum(String id) {
        return Optional.ofNullable(
                forums.find(Filters.eq("_id", new ObjectId(id))).first());
    }

    Optional<Document> findPost(String forumId, String postId) {
        return Optional.ofNullable(
                        posts.find(Filters.eq("_id", new ObjectId(postId))).first())
                .filter(p -> forumId.equals(hex(p.get("forum_id"))));
    }

    PageResponse<ForumView> forumsOf(String courseId, int page, int size) {
        Bson filter = Filters.eq("course_id", new ObjectId(courseId));
        return page(forums, filter, forums.countDocuments(filter), page, size, ForumReadModel::forumView);
    }

    /**
     * A page of the forum's posts, oldest first. The total is the forum document's {@code post_count}, kept by the
     * projection, rather than a count of the forum's posts at every read (which grows with the forum: 27 ms at
     * 100,000 posts on the embedded server, an index scan of as many keys on MongoDB).
     */
    PageResponse<ForumPostView> postsOf(Document forum, int page, int size) {
        Bson filter = Filters.eq("forum_id", forum.get("_id"));
        Number count = forum.get("post_count", Number.class);
        return page(posts, filter, count == null ? 0 : count.longValue(), page, size, ForumReadModel::postView);
    }

    /** The page of {@code total} documents matching {@code filter}, in the order of the index that serves it. */
    private static <T> PageResponse<T> page(
            MongoCollection<Document> collection,
            Bson filter,
            long total,
            int page,
            int size,
            Function<Document, T> view) {
        long skip = (long) page * size;
        if (skip >= total) {
            return new PageResponse<>(List.of(), page, size, total);
        }
        List<T> items = collection
                .find(filter)
                .sort(Sorts.ascending("created_at", "_id"))
                .skip((int) skip)
                .limit(size)
                .map(view::apply)
                .into(new ArrayList<>());
        return new PageResponse<>(items, page, size, total);
    }

    static ForumView forumView(Document d) {
        return new ForumView(
                hex(d.get("_id")),
                hex(d.get("course_id")),
                d.getString("title"),
                d.getString("description"),
                hex(d.get("created_by")),
                instant(d.getDate("created_at")),
                instant(d.getDate("updated_at")));
    }

    static ForumPostView postView(Document d) {
        return new ForumPostView(
                hex(d.get("_id")),
                hex(d.get("forum_id")),
                hex(d.get("user_id")),
                d.getString("content"),
                instant(d.getDate("created_at")),
                instant(d.getDate("updated_at")),
                hex(d.get("parent_post_id")),
                Boolean.TRUE.equals(d.getBoolean("deleted")));
    }
}
