package io.lms.api.forum;

import java.time.Instant;

/** A discussion forum as {@code discussion_forums} holds it. */
public record ForumView(
        String id,
        String courseId,
        String title,
        String description,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {}
