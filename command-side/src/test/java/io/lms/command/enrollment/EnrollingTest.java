package io.lms.command.enrollment;

import static io.lms.command.enrollment.EnrollmentFixtures.*;

import io.lms.api.common.Actor;
import io.lms.api.course.ContentType;
import io.lms.api.enrollment.ContentProgressRecordedEvent;
import io.lms.api.enrollment.EnrollCommand;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.ProgressStatus;
import io.lms.api.enrollment.QuizAttemptedEvent;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentReenrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.api.enrollment.UnenrollCommand;
import io.lms.api.error.ErrorCode;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Enrolling, unenrolling and enrolling again (rules 8, 12, 13). */
class EnrollingTest {

    private final Courses courses = new Courses();
    private FixtureConfiguration<Enrollment> fixture;

    private static final StudentUnenrolledEvent UNENROLLED =
            new StudentUnenrolledEvent(ENROLLMENT, STUDENT.userId(), COURSE, TEACHER.userId());

    @BeforeEach
    void setUp() {
        courses.set(published());
        fixture = EnrollmentFixtures.fixture(courses);
    }

    private static EnrollCommand enroll(Actor actor) {
        return new EnrollCommand(new EnrollmentKey(actor.userId(), COURSE).enrollmentId(), COURSE, actor);
    }

    @Test
    void a_student_enrolls_in_a_published_course_and_creates_the_enrollment() {
        fixture.givenNoPriorActivity()
                .when(enroll(STUDENT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(ENROLLED);
    }

    @Test
    void an_instructor_enrolls_in_another_instructors_course() {
        String id = new EnrollmentKey(OTHER_TEACHER.userId(), COURSE).enrollmentId();
        fixture.givenNoPriorActivity()
                .when(enroll(OTHER_TEACHER))
                .expectEvents(new StudentEnrolledEvent(id, OTHER_TEACHER.userId(), COURSE, TEACHER.userId(), TITLE));
    }

    @Test
    void an_instructor_cannot_enroll_in_their_own_course() {
        fixture.givenNoPriorActivity()
                .when(enroll(TEACHER))
                .expectException(code(ErrorCode.OWN_COURSE_ENROLLMENT))
                .expectNoEvents();
    }

    @Test
    void an_admin_does_not_enroll() {
        fixture.givenNoPriorActivity()
                .when(enroll(ADMIN))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void an_auditor_does_not_enroll() {
        fixture.givenNoPriorActivity()
                .when(enroll(AUDITOR))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void a_draft_course_takes_no_enrollment() {
        courses.set(draft());
        fixture.givenNoPriorActivity()
                .when(enroll(STUDENT))
                .expectException(code(ErrorCode.COURSE_NOT_OPEN))
                .expectNoEvents();
    }

    @Test
    void an_archived_course_takes_no_new_enrollment() {
        courses.set(archived());
        fixture.givenNoPriorActivity()
                .when(enroll(STUDENT))
                .expectException(code(ErrorCode.COURSE_NOT_OPEN))
                .expectNoEvents();
    }

    @Test
    void enrolling_in_a_course_that_does_not_exist_is_not_found() {
        String unknown = "6b06eb3caa76f936f62db7ff";
        fixture.givenNoPriorActivity()
                .when(new EnrollCommand(new EnrollmentKey(STUDENT.userId(), unknown).enrollmentId(), unknown, STUDENT))
                .expectException(code(ErrorCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void enrolling_twice_is_refused() {
        fixture.given(ENROLLED)
                .when(enroll(STUDENT))
                .expectException(code(ErrorCode.ALREADY_ENROLLED))
                .expectNoEvents();
    }

    @Test
    void an_enrollment_id_not_derived_from_the_student_and_the_course_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new EnrollCommand(ENROLLMENT, COURSE, OTHER_STUDENT))
                .expectException(code(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void the_student_unenrolls_softly() {
        fixture.given(ENROLLED)
                .when(new UnenrollCommand(ENROLLMENT, STUDENT, null))
                .expectEvents(UNENROLLED);
    }

    @Test
    void an_admin_unenrolls_a_student() {
        fixture.given(ENROLLED)
                .when(new UnenrollCommand(ENROLLMENT, ADMIN, null))
                .expectEvents(UNENROLLED);
    }

    @Test
    void another_student_cannot_unenroll_someone() {
        fixture.given(ENROLLED)
                .when(new UnenrollCommand(ENROLLMENT, OTHER_STUDENT, null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void unenrolling_twice_is_refused() {
        fixture.given(ENROLLED, UNENROLLED)
                .when(new UnenrollCommand(ENROLLMENT, STUDENT, null))
                .expectException(code(ErrorCode.NOT_ENROLLED))
                .expectNoEvents();
    }

    @Test
    void enrolling_again_reactivates_the_enrollment_with_its_progress_against_the_course_now() {
        fixture.given(ENROLLED, videoCompleted(), UNENROLLED)
                .when(enroll(STUDENT))
                .expectEvents(new StudentReenrolledEvent(
                        ENROLLMENT, STUDENT.userId(), COURSE, TEACHER.userId(), TITLE, 33.33));
    }

    @Test
    void enrolling_again_in_an_archived_course_is_refused() {
        courses.set(archived());
        fixture.given(ENROLLED, UNENROLLED)
                .when(enroll(STUDENT))
                .expectException(code(ErrorCode.COURSE_NOT_OPEN))
                .expectNoEvents();
    }

    @Test
    void enrolling_again_after_completing_keeps_the_certificate_and_issues_no_second_one() {
        fixture.given(
                        ENROLLED,
                        videoCompleted(),
                        quizAttempted(3),
                        assignmentCompleted(),
                        completedEvent(),
                        certificateEvent(),
                        UNENROLLED)
                .when(enroll(STUDENT))
                .expectEvents(new StudentReenrolledEvent(
                        ENROLLMENT, STUDENT.userId(), COURSE, TEACHER.userId(), TITLE, 100.0));
    }

    @Test
    void enrolling_again_completes_the_enrollment_when_what_is_left_of_the_course_was_all_done() {
        courses.set(published().with(deleted(ASSIGNMENT, ContentType.ASSIGNMENT)));
        fixture.given(ENROLLED, videoCompleted(), quizAttempted(3), UNENROLLED)
                .when(enroll(STUDENT))
                .expectEvents(
                        new StudentReenrolledEvent(
                                ENROLLMENT, STUDENT.userId(), COURSE, TEACHER.userId(), TITLE, 100.0),
                        completedEvent(),
                        certificateEvent());
    }

    static ContentProgressRecordedEvent videoCompleted() {
        return new ContentProgressRecordedEvent(
                ENROLLMENT,
                STUDENT.userId(),
                COURSE,
                VIDEO,
                ContentType.VIDEO,
                ProgressStatus.COMPLETED,
                null,
                1,
                3,
                33.33);
    }

    static ContentProgressRecordedEvent assignmentCompleted() {
        return new ContentProgressRecordedEvent(
                ENROLLMENT,
                STUDENT.userId(),
                COURSE,
                ASSIGNMENT,
                ContentType.ASSIGNMENT,
                ProgressStatus.COMPLETED,
                null,
                3,
                3,
                100.0);
    }

    static QuizAttemptedEvent quizAttempted(int completedItems) {
        return new QuizAttemptedEvent(
                ENROLLMENT,
                STUDENT.userId(),
                COURSE,
                QUIZ,
                1,
                List.of(1, 0),
                2,
                2,
                100.0,
                100.0,
                completedItems,
                3,
                Percent.of(completedItems, 3));
    }
}
