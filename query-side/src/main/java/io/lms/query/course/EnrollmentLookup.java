package io.lms.query.course;

/**
 * The seam through which enrolled students get at a course's content: the enrollments read model implements it
 * (active enrollments, and any enrollment for an archived course, whose students keep access).
 */
public interface EnrollmentLookup {

    boolean isEnrolled(String userId, String courseId);
}
