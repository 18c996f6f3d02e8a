package io.lms.api.analytics;

/**
 * One quiz of a course: how many students attempted it, and the mean of their best scores (percent, 0–100), or
 * {@code null} when nobody did.
 */
public record QuizScores(String contentId, String title, long students, Double averageBestScore) {}
