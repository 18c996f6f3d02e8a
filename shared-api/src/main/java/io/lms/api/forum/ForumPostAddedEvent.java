package io.lms.api.forum;

import org.axonframework.serialization.Revision;

/**
 * A post was written. For a reply, {@code parentPostId} and {@code parentAuthorId} name the post answered and its
 * author, who is told ({@code forum_reply}); {@code forumTitle} is there for that notification's text.
 */
@Revision("1")
public record ForumPostAddedEvent(
        String forumId,
        String postId,
        String courseId,
        String authorId,
        String content,
        String parentPostId,
        String parentAuthorId,
        String forumTitle) {}
