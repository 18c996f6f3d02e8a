package io.lms.api.enrollment;

/**
 * What a quiz attempt answers: the enrollment's id and version after the attempt (as every command answers), and
 * the attempt's score. Never the correct answers.
 */
public record QuizAttemptResult(String id, long version, double quizScore, int correct, int total) {}
