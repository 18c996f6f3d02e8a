package io.lms.api.enrollment;

import java.time.Instant;

/** A review of a course, public like the published course it reviews. */
public record ReviewView(
        String id,
        String userId,
        String courseId,
        int rating,
        String reviewText,
        Instant createdAt,
        Instant updatedAt) {}
