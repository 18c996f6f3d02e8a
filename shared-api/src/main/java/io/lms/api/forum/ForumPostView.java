package io.lms.api.forum;

import java.time.Instant;

/** A post as {@code forum_posts} holds it; a deleted post has no content and {@code deleted: true}. */
public record ForumPostView(
        String id,
        String forumId,
        String userId,
        String content,
        Instant createdAt,
        Instant updatedAt,
        String parentPostId,
        boolean deleted) {}
