package io.lms.api.enrollment;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * One attempt at a quiz, scored on the server: {@code quizScore} is {@code correct} ÷ {@code total} in percent,
 * {@code bestScore} the best of all attempts so far. An attempt completes the quiz item, so it carries the
 * enrollment's progress after it as {@link ContentProgressRecordedEvent} does.
 */
@Revision("1")
public record QuizAttemptedEvent(
        String enrollmentId,
        String studentId,
        String courseId,
        String contentId,
        int attempt,
        List<Integer> answers,
        int correct,
        int total,
        double quizScore,
        double bestScore,
        int completedItems,
        int totalItems,
        double courseProgress) {}
