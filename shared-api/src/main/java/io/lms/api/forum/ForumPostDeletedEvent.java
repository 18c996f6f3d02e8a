package io.lms.api.forum;

import org.axonframework.serialization.Revision;

/** A post's content was removed by {@code deletedBy} (its author, the course's instructor or an admin); its replies stay. */
@Revision("1")
public record ForumPostDeletedEvent(
        String forumId, String postId, String courseId, String authorId, String deletedBy) {}
