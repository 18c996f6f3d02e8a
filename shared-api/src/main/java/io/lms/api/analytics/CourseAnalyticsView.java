package io.lms.api.analytics;

import java.time.Instant;
import java.util.List;

/**
 * A course's analytics, for its instructor and admins, worked out from the {@code course-analytics} projection
 * (docs/analytics.md has the definitions).
 *
 * <ul>
 *   <li>{@code enrolled}: students who ever enrolled (a re-enrollment is not a second one); {@code active} of them
 *       enrolled now, {@code unenrolled} not, {@code completed} who reached 100 % (once, ever).
 *   <li>{@code completionRate}: {@code completed ÷ enrolled}, unenrolled students included in both; 0 without
 *       enrollments.
 *   <li>{@code enrollmentsPerDay}: first enrollments by UTC date, oldest first, days without any left out.
 *   <li>{@code averageQuizScore}: the mean over every (student, quiz) pair of the student's best score on that quiz,
 *       over the course's current quizzes; {@code null} when nobody attempted one. {@code quizzes} has it per quiz.
 *   <li>{@code stoppingPoints}: for each enrollment not completed, the item after the furthest item it completed in
 *       course order (the first item when it completed none; the first item it has not completed when it completed
 *       the last), counted per item in course order; {@code mostCommonStop} is the item with most of them (the
 *       earliest on a tie), {@code null} when nobody stopped.
 *   <li>{@code asOf}: the time of the newest event the figures reflect.
 * </ul>
 */
public record CourseAnalyticsView(
        String courseId,
        long enrolled,
        long active,
        long unenrolled,
        long completed,
        double completionRate,
        List<EnrollmentsOnDay> enrollmentsPerDay,
        Double averageQuizScore,
        List<QuizScores> quizzes,
        List<StoppingPoint> stoppingPoints,
        StoppingPoint mostCommonStop,
        Instant asOf) {}
