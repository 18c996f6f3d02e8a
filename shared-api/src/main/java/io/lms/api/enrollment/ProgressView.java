package io.lms.api.enrollment;

import java.time.Instant;

/** A student's progress on one content item; {@code quizScore} is the best attempt's score, for quizzes. */
public record ProgressView(
        String id,
        String userId,
        String courseId,
        String contentId,
        ProgressStatus status,
        Integer progress,
        Double quizScore,
        Instant updatedAt) {}
