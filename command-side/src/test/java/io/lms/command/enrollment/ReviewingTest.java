package io.lms.command.enrollment;

import static io.lms.command.enrollment.EnrollmentFixtures.*;

import io.lms.api.enrollment.DeleteReviewCommand;
import io.lms.api.enrollment.EditReviewCommand;
import io.lms.api.enrollment.ReviewDeletedEvent;
import io.lms.api.enrollment.ReviewEditedEvent;
import io.lms.api.enrollment.ReviewWrittenEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.api.enrollment.WriteReviewCommand;
import io.lms.api.error.ErrorCode;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reviews: enrolled students only, one each, edited by the author, deleted by the author or an admin (rules 18, 19). */
class ReviewingTest {

    private static final ReviewWrittenEvent WRITTEN =
            new ReviewWrittenEvent(ENROLLMENT, ENROLLMENT, STUDENT.userId(), COURSE, 4, "Clear and kind");
    private static final String OTHER_COURSE = "6b06eb3caa76f936f62db7aa";

    private FixtureConfiguration<Enrollment> fixture;

    @BeforeEach
    void setUp() {
        fixture = EnrollmentFixtures.fixture(new Courses().set(published()));
    }

    @Test
    void an_enrolled_student_reviews_the_course_and_the_review_id_is_the_enrollment_id() {
        fixture.given(ENROLLED)
                .when(new WriteReviewCommand(ENROLLMENT, STUDENT, 4, "  Clear and kind "))
                .expectEvents(WRITTEN);
    }

    @Test
    void a_second_review_is_refused() {
        refused(new WriteReviewCommand(ENROLLMENT, STUDENT, 5, "Again"), ErrorCode.REVIEW_EXISTS, WRITTEN);
    }

    @Test
    void a_rating_of_0_is_refused() {
        refused(new WriteReviewCommand(ENROLLMENT, STUDENT, 0, "x"), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_rating_of_6_is_refused() {
        refused(new WriteReviewCommand(ENROLLMENT, STUDENT, 6, "x"), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_100000_character_text_is_refused() {
        refused(new WriteReviewCommand(ENROLLMENT, STUDENT, 3, "x".repeat(100_000)), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_student_who_unenrolled_writes_no_review() {
        refused(
                new WriteReviewCommand(ENROLLMENT, STUDENT, 3, "x"),
                ErrorCode.NOT_A_COURSE_STUDENT,
                new StudentUnenrolledEvent(ENROLLMENT, STUDENT.userId(), COURSE, TEACHER.userId()));
    }

    @Test
    void nobody_reviews_from_someone_elses_enrollment() {
        refused(new WriteReviewCommand(ENROLLMENT, OTHER_STUDENT, 3, "x"), ErrorCode.FORBIDDEN);
    }

    @Test
    void the_author_edits_the_review() {
        fixture.given(ENROLLED, WRITTEN)
                .when(new EditReviewCommand(ENROLLMENT, COURSE, STUDENT, 2, "Less clear on reflection", null))
                .expectEvents(new ReviewEditedEvent(
                        ENROLLMENT, ENROLLMENT, STUDENT.userId(), COURSE, 2, "Less clear on reflection"));
    }

    @Test
    void an_edit_keeps_the_rating_in_1_to_5() {
        refused(new EditReviewCommand(ENROLLMENT, COURSE, STUDENT, 6, "x", null), ErrorCode.VALIDATION_FAILED, WRITTEN);
    }

    @Test
    void nobody_but_the_author_edits_a_review() {
        refused(new EditReviewCommand(ENROLLMENT, COURSE, ADMIN, 1, "x", null), ErrorCode.FORBIDDEN, WRITTEN);
    }

    @Test
    void editing_a_review_that_does_not_exist_is_not_found() {
        refused(new EditReviewCommand(ENROLLMENT, COURSE, STUDENT, 1, "x", null), ErrorCode.NO_REVIEW);
    }

    @Test
    void a_review_is_found_only_under_its_own_course() {
        refused(new EditReviewCommand(ENROLLMENT, OTHER_COURSE, STUDENT, 1, "x", null), ErrorCode.NO_REVIEW, WRITTEN);
    }

    @Test
    void the_author_deletes_the_review() {
        fixture.given(ENROLLED, WRITTEN)
                .when(new DeleteReviewCommand(ENROLLMENT, COURSE, STUDENT, null))
                .expectEvents(
                        new ReviewDeletedEvent(ENROLLMENT, ENROLLMENT, STUDENT.userId(), COURSE, STUDENT.userId()));
    }

    @Test
    void an_admin_deletes_a_review() {
        fixture.given(ENROLLED, WRITTEN)
                .when(new DeleteReviewCommand(ENROLLMENT, COURSE, ADMIN, null))
                .expectEvents(new ReviewDeletedEvent(ENROLLMENT, ENROLLMENT, STUDENT.userId(), COURSE, ADMIN.userId()));
    }

    @Test
    void another_student_does_not_delete_a_review() {
        refused(new DeleteReviewCommand(ENROLLMENT, COURSE, OTHER_STUDENT, null), ErrorCode.FORBIDDEN, WRITTEN);
    }

    @Test
    void the_course_instructor_does_not_delete_a_review() {
        refused(new DeleteReviewCommand(ENROLLMENT, COURSE, TEACHER, null), ErrorCode.FORBIDDEN, WRITTEN);
    }

    @Test
    void deleting_a_deleted_review_is_not_found() {
        refused(
                new DeleteReviewCommand(ENROLLMENT, COURSE, STUDENT, null),
                ErrorCode.NO_REVIEW,
                WRITTEN,
                new ReviewDeletedEvent(ENROLLMENT, ENROLLMENT, STUDENT.userId(), COURSE, STUDENT.userId()));
    }

    @Test
    void after_deleting_a_review_the_student_may_write_a_new_one() {
        fixture.given(
                        ENROLLED,
                        WRITTEN,
                        new ReviewDeletedEvent(ENROLLMENT, ENROLLMENT, STUDENT.userId(), COURSE, STUDENT.userId()))
                .when(new WriteReviewCommand(ENROLLMENT, STUDENT, 4, "Clear and kind"))
                .expectEvents(WRITTEN);
    }

    private void refused(Object command, ErrorCode expected, Object... after) {
        Object[] given = new Object[after.length + 1];
        given[0] = ENROLLED;
        System.arraycopy(after, 0, given, 1, after.length);
        fixture.given(given).when(command).expectException(code(expected)).expectNoEvents();
    }
}
