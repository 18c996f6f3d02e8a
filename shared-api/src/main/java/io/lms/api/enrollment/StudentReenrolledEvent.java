package io.lms.api.enrollment;

import org.axonframework.serialization.Revision;

/**
 * A student who had unenrolled enrolled again: the same enrollment is active again, with its history.
 * {@code courseProgress} is the course progress recomputed against the course's items now, in percent, named as in
 * {@link ContentProgressRecordedEvent} and {@link QuizAttemptedEvent}.
 *
 * <p>Revision 2: revision 1 called the field {@code progress}; {@code StudentReenrolledEventUpcaster} (module
 * platform) renames it in stored events as they are read.
 */
@Revision("2")
public record StudentReenrolledEvent(
        String enrollmentId,
        String studentId,
        String courseId,
        String instructorId,
        String courseTitle,
        double courseProgress) {}
