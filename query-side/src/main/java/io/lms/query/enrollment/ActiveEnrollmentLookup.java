package io.lms.query.enrollment;

import io.lms.api.enrollment.EnrollmentKey;
import io.lms.query.course.CourseReadModel;
import io.lms.query.course.EnrollmentLookup;
import org.springframework.stereotype.Component;

/**
 * Who sees a course's content as a learner: a student with an active enrollment, and, in an archived course, every
 * student who enrolled in it (rule 8: they keep their access; an archived course takes nobody back, so one who
 * left it could otherwise never see what they learnt again). One read by {@code _id}, the id being derived from
 * the student and the course; the course is read only for an enrollment that is not active.
 */
@Component
class ActiveEnrollmentLookup implements EnrollmentLookup {

    private final EnrollmentReadModel enrollments;
    private final CourseReadModel courses;

    ActiveEnrollmentLookup(EnrollmentReadModel enrollments, CourseReadModel courses) {
        this.enrollments = enrollments;
        this.courses = courses;
    }

    @Override
    public boolean isEnrolled(String userId, String courseId) {
        return enrollments
                .find(new EnrollmentKey(userId, courseId).enrollmentId())
                .map(e -> EnrollmentReadModel.ACTIVE.equals(e.getString("status"))
                        || courses.findCourse(courseId)
                                .map(c -> "archived".equals(c.getString("status")))
                                .orElse(false))
                .orElse(false);
    }
}
