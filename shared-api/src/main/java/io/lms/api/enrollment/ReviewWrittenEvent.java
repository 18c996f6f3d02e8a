package io.lms.api.enrollment;

import org.axonframework.serialization.Revision;

/** An enrolled student reviewed the course; the review's id is the enrollment's id. */
@Revision("1")
public record ReviewWrittenEvent(
        String enrollmentId, String reviewId, String studentId, String courseId, int rating, String reviewText) {}
