package io.lms.query.course;

/**
 * The seam through which enrolled students get at a course's content. There is no enrollments read model yet,
 * so no bean implements it and only instructors and admins see content; the enrollments read model will
 * provide one (active enrollments, and any enrollment for an archived course, whose students keep access).
 */
public interface EnrollmentLookup {

    boolean isEnrolled(String userId, String courseId);
}
