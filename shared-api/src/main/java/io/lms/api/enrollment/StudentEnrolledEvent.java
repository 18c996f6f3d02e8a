package io.lms.api.enrollment;

import org.axonframework.serialization.Revision;

/**
 * A student enrolled in a course for the first time. {@code instructorId} and {@code courseTitle} are there for
 * the instructor's {@code new_enrollment} notification and the course's enrollment count.
 */
@Revision("1")
public record StudentEnrolledEvent(
        String enrollmentId, String studentId, String courseId, String instructorId, String courseTitle) {}
