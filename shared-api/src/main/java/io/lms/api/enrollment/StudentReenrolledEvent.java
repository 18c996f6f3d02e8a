package io.lms.api.enrollment;

import org.axonframework.serialization.Revision;

/**
 * A student who had unenrolled enrolled again: the same enrollment is active again, with its history.
 * {@code progress} is the course progress recomputed against the course's items now.
 */
@Revision("1")
public record StudentReenrolledEvent(
        String enrollmentId,
        String studentId,
        String courseId,
        String instructorId,
        String courseTitle,
        double progress) {}
