package io.lms.api.enrollment;

import org.axonframework.serialization.Revision;

/** The enrollment reached 100 % for the first time; it happens once per enrollment, ever. */
@Revision("1")
public record EnrollmentCompletedEvent(String enrollmentId, String studentId, String courseId) {}
