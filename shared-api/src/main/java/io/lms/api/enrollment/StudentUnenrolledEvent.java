package io.lms.api.enrollment;

import org.axonframework.serialization.Revision;

/** An active enrollment ended (soft): progress, completion and certificate are kept. */
@Revision("1")
public record StudentUnenrolledEvent(String enrollmentId, String studentId, String courseId, String instructorId) {}
