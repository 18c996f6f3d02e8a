package io.lms.api.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnrollmentKeyTest {

    private static final String STUDENT = "6650a1b2c3d4e5f601234567";
    private static final String COURSE = "6650a1b2c3d4e5f6abcdef01";

    @Test
    void the_enrollment_id_has_the_shape_of_an_object_id() {
        assertThat(new EnrollmentKey(STUDENT, COURSE).enrollmentId()).matches("^[0-9a-f]{24}$");
    }

    @Test
    void the_same_student_and_course_always_give_the_same_enrollment_id() {
        assertThat(new EnrollmentKey(STUDENT, COURSE).enrollmentId())
                .isEqualTo(new EnrollmentKey(STUDENT, COURSE).enrollmentId());
    }

    @Test
    void another_student_or_another_course_gives_another_enrollment_id() {
        String id = new EnrollmentKey(STUDENT, COURSE).enrollmentId();
        assertThat(new EnrollmentKey(COURSE, STUDENT).enrollmentId()).isNotEqualTo(id);
        assertThat(new EnrollmentKey(STUDENT, STUDENT).enrollmentId()).isNotEqualTo(id);
    }
}
