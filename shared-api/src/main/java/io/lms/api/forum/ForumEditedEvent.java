package io.lms.api.forum;

import org.axonframework.serialization.Revision;

/** A forum's title or description changed; {@code null} fields did not change. */
@Revision("1")
public record ForumEditedEvent(String forumId, String courseId, String title, String description) {}
