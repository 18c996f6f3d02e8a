package io.lms.api.course;

import java.time.Instant;
import java.util.List;

/** A content item as a student sees it: there is no field for quiz answers at all. */
public record LearnerContentView(
        String id,
        String courseId,
        ContentType type,
        String title,
        String description,
        int order,
        ContentMetadata metadata,
        String transcript,
        List<Caption> captions,
        LearnerQuizData quizData,
        AssignmentData assignmentData,
        Instant createdAt,
        Instant updatedAt) {}
