package io.lms.api.course;

import java.time.Instant;
import java.util.List;

/** A content item as its course's instructor and admins see it, quiz answers included. */
public record ContentView(
        String id,
        String courseId,
        ContentType type,
        String title,
        String description,
        int order,
        ContentMetadata metadata,
        String transcript,
        List<Caption> captions,
        QuizData quizData,
        AssignmentData assignmentData,
        Instant createdAt,
        Instant updatedAt) {

    /** The same item as a student sees it: the quiz without its answers. */
    public LearnerContentView forLearner() {
        LearnerQuizData quiz = quizData == null || quizData.questions() == null
                ? null
                : new LearnerQuizData(quizData.questions().stream()
                        .map(q -> new LearnerQuizQuestion(q.question(), q.options()))
                        .toList());
        return new LearnerContentView(
                id,
                courseId,
                type,
                title,
                description,
                order,
                metadata,
                transcript,
                captions,
                quiz,
                assignmentData,
                createdAt,
                updatedAt);
    }
}
