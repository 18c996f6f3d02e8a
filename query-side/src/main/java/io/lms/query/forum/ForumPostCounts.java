package io.lms.query.forum;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Gives the forum documents written before {@code post_count} existed their count of posts, at start-up, before
 * this node's forums processor runs (it only adds one per new post, which on a missing field would start at 1).
 * Each such forum is counted once; a forum that has its count is not read again. A query node of the older build
 * still running beside this one would not count its posts: upgrade all query nodes together, or replay
 * {@code forums} after.
 */
final class ForumPostCounts {

    private ForumPostCounts() {}

    /** The number of forums that were given their count. */
    static int backfill(MongoCollection<Document> forums, MongoCollection<Document> posts) {
        List<Object> uncounted = new ArrayList<>();
        forums.find(Filters.exists("post_count", false))
                .projection(Projections.include("_id"))
                .forEach(forum -> uncounted.add(forum.get("_id")));
        for (Object forumId : uncounted) {
            long count = posts.countDocuments(Filters.eq("forum_id", forumId));
            forums.updateOne(
                    Filters.and(Filters.eq("_id", forumId), Filters.exists("post_count", false)),
                    Updates.set("post_count", count));
        }
        return uncounted.size();
    }
}
