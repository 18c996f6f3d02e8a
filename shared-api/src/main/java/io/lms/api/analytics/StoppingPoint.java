package io.lms.api.analytics;

/** A content item where {@code students} enrollments that have not completed the course stand. */
public record StoppingPoint(String contentId, String title, String type, long students) {}
