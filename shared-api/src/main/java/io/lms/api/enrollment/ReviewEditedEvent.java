package io.lms.api.enrollment;

import org.axonframework.serialization.Revision;

/** The author replaced the review's rating and text; both carry their values after the edit. */
@Revision("1")
public record ReviewEditedEvent(
        String enrollmentId, String reviewId, String studentId, String courseId, int rating, String reviewText) {}
