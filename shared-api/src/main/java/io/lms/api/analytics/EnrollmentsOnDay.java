package io.lms.api.analytics;

/** How many students enrolled in a course for the first time on one UTC date ({@code yyyy-MM-dd}). */
public record EnrollmentsOnDay(String date, long enrollments) {}
