package io.lms.api.enrollment;

import org.axonframework.serialization.Revision;

/** The review was deleted, by its author or an admin ({@code deletedBy}). */
@Revision("1")
public record ReviewDeletedEvent(
        String enrollmentId, String reviewId, String studentId, String courseId, String deletedBy) {}
