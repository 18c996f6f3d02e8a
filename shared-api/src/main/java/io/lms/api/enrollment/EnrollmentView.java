package io.lms.api.enrollment;

import java.time.Instant;

/** An enrollment as its student, the course's instructor and admins see it ({@code progress} in percent). */
public record EnrollmentView(
        String id,
        String userId,
        String courseId,
        EnrollmentStatus status,
        Instant enrolledAt,
        Instant completedAt,
        double progress,
        Instant lastAccessed) {}
