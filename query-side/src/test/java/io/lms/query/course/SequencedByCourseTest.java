package io.lms.query.course;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.enrollment.ContentProgressRecordedEvent;
import io.lms.api.enrollment.ReviewWrittenEvent;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.user.UserPasswordChangedEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

class SequencedByCourseTest {

    private static final String COURSE = "6b06eb3caa76f936f62db700";
    private static final String OTHER_COURSE = "6b06eb3caa76f936f62db701";
    private static final String ENROLLMENT = "6b06eb3caa76f936f62db7e1";
    private static final String STUDENT = "6b06eb3caa76f936f62db801";

    private final SequencedByCourse policy = new SequencedByCourse();

    private Object keyOf(String type, String aggregateId, Object payload) {
        return policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>(type, aggregateId, 0, payload));
    }

    @Test
    void a_courses_own_events_and_its_enrollments_events_share_one_sequence() {
        Object course = keyOf("Course", COURSE, new CoursePublishedEvent(COURSE, STUDENT, "Title"));

        assertThat(keyOf("Enrollment", ENROLLMENT, new StudentEnrolledEvent(ENROLLMENT, STUDENT, COURSE, STUDENT, "T")))
                .isEqualTo(course);
        assertThat(keyOf(
                        "Enrollment",
                        ENROLLMENT,
                        new ReviewWrittenEvent(ENROLLMENT, ENROLLMENT, STUDENT, COURSE, 5, "")))
                .isEqualTo(course);
        assertThat(keyOf(
                        "Enrollment",
                        ENROLLMENT,
                        new ContentProgressRecordedEvent(
                                ENROLLMENT, STUDENT, COURSE, STUDENT, null, null, null, 0, 1, 0)))
                .isEqualTo(course);
    }

    @Test
    void events_of_different_courses_are_in_different_sequences() {
        assertThat(keyOf("Course", COURSE, new CoursePublishedEvent(COURSE, STUDENT, "Title")))
                .isNotEqualTo(keyOf("Course", OTHER_COURSE, new CoursePublishedEvent(OTHER_COURSE, STUDENT, "Title")));
    }

    @Test
    void other_events_are_sequenced_by_their_aggregate() {
        assertThat(keyOf("User", STUDENT, new UserPasswordChangedEvent(STUDENT)))
                .isEqualTo(STUDENT);
    }
}
