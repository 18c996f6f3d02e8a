package io.lms.api.forum;

import org.axonframework.serialization.Revision;

/** Its author gave a post new content. */
@Revision("1")
public record ForumPostEditedEvent(String forumId, String postId, String courseId, String authorId, String content) {}
