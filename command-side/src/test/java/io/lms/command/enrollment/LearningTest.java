package io.lms.command.enrollment;

import static io.lms.command.enrollment.EnrollingTest.assignmentCompleted;
import static io.lms.command.enrollment.EnrollingTest.quizAttempted;
import static io.lms.command.enrollment.EnrollingTest.videoCompleted;
import static io.lms.command.enrollment.EnrollmentFixtures.*;

import io.lms.api.course.ContentType;
import io.lms.api.enrollment.ContentProgressRecordedEvent;
import io.lms.api.enrollment.ProgressStatus;
import io.lms.api.enrollment.QuizAttemptedEvent;
import io.lms.api.enrollment.RecordProgressCommand;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.api.enrollment.SubmitQuizAttemptCommand;
import io.lms.api.error.ErrorCode;
import java.util.Arrays;
import java.util.List;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Progress, quiz attempts, completion and the certificate (rules 8, 14–17). */
class LearningTest {

    private final Courses courses = new Courses();
    private FixtureConfiguration<Enrollment> fixture;

    @BeforeEach
    void setUp() {
        courses.set(published());
        fixture = EnrollmentFixtures.fixture(courses);
    }

    private static RecordProgressCommand progress(String contentId, ProgressStatus status, Integer progress) {
        return new RecordProgressCommand(ENROLLMENT, STUDENT, contentId, status, progress, null);
    }

    private static SubmitQuizAttemptCommand attempt(Integer... answers) {
        return new SubmitQuizAttemptCommand(ENROLLMENT, STUDENT, QUIZ, Arrays.asList(answers), null);
    }

    private static ContentProgressRecordedEvent recorded(
            String contentId, ContentType type, ProgressStatus status, Integer progress, int done, int total) {
        return new ContentProgressRecordedEvent(
                ENROLLMENT,
                STUDENT.userId(),
                COURSE,
                contentId,
                type,
                status,
                progress,
                done,
                total,
                Percent.of(done, total));
    }

    // progress

    @Test
    void watching_a_video_records_how_far_and_leaves_the_course_progress_at_zero() {
        fixture.given(ENROLLED)
                .when(progress(VIDEO, ProgressStatus.STARTED, 40))
                .expectEvents(recorded(VIDEO, ContentType.VIDEO, ProgressStatus.STARTED, 40, 0, 3));
    }

    @Test
    void completing_an_item_moves_the_course_progress_to_completed_items_over_items() {
        fixture.given(ENROLLED)
                .when(progress(VIDEO, ProgressStatus.COMPLETED, 100))
                .expectEvents(recorded(VIDEO, ContentType.VIDEO, ProgressStatus.COMPLETED, 100, 1, 3));
    }

    @Test
    void a_completed_item_stays_completed_and_recording_it_again_changes_nothing() {
        fixture.given(ENROLLED, videoCompleted())
                .when(progress(VIDEO, ProgressStatus.STARTED, 10))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void progress_counts_against_the_items_of_the_course_now_so_deleted_content_no_longer_counts() {
        courses.set(published().with(deleted(VIDEO, ContentType.VIDEO)));
        fixture.given(ENROLLED, videoCompleted())
                .when(progress(ASSIGNMENT, ProgressStatus.COMPLETED, null))
                .expectEvents(recorded(ASSIGNMENT, ContentType.ASSIGNMENT, ProgressStatus.COMPLETED, null, 1, 2));
    }

    @Test
    void progress_on_content_of_another_course_is_refused() {
        refused(progress(FOREIGN_VIDEO, ProgressStatus.STARTED, 10), ErrorCode.CONTENT_NOT_IN_COURSE);
    }

    @Test
    void progress_on_deleted_content_is_refused() {
        courses.set(published().with(deleted(VIDEO, ContentType.VIDEO)));
        refused(progress(VIDEO, ProgressStatus.STARTED, 10), ErrorCode.CONTENT_NOT_IN_COURSE);
    }

    @Test
    void a_video_progress_below_0_is_refused() {
        refused(progress(VIDEO, ProgressStatus.STARTED, -1), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_video_progress_above_100_is_refused() {
        refused(progress(VIDEO, ProgressStatus.STARTED, 101), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_progress_figure_is_only_for_videos() {
        refused(progress(ASSIGNMENT, ProgressStatus.STARTED, 50), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_progress_record_without_a_status_is_refused() {
        refused(progress(VIDEO, null, 50), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void a_quiz_is_not_completed_by_saying_so() {
        refused(progress(QUIZ, ProgressStatus.COMPLETED, null), ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void another_student_records_no_progress_on_someones_enrollment() {
        fixture.given(ENROLLED)
                .when(new RecordProgressCommand(ENROLLMENT, OTHER_STUDENT, VIDEO, ProgressStatus.STARTED, 1, null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void an_admin_records_no_progress_for_a_student() {
        fixture.given(ENROLLED)
                .when(new RecordProgressCommand(ENROLLMENT, ADMIN, VIDEO, ProgressStatus.STARTED, 1, null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void an_unenrolled_student_records_no_progress() {
        fixture.given(ENROLLED, new StudentUnenrolledEvent(ENROLLMENT, STUDENT.userId(), COURSE, TEACHER.userId()))
                .when(progress(VIDEO, ProgressStatus.STARTED, 10))
                .expectException(code(ErrorCode.NOT_ENROLLED))
                .expectNoEvents();
    }

    @Test
    void an_enrolled_student_keeps_learning_in_an_archived_course() {
        courses.set(archived());
        fixture.given(ENROLLED)
                .when(progress(VIDEO, ProgressStatus.COMPLETED, null))
                .expectEvents(recorded(VIDEO, ContentType.VIDEO, ProgressStatus.COMPLETED, null, 1, 3));
    }

    // quizzes

    @Test
    void a_quiz_attempt_is_scored_on_the_server_and_completes_the_quiz_item() {
        fixture.given(ENROLLED)
                .when(attempt(1, 1))
                .expectResultMessagePayload(new QuizScoring.Score(1, 2, 50.0))
                .expectEvents(new QuizAttemptedEvent(
                        ENROLLMENT, STUDENT.userId(), COURSE, QUIZ, 1, List.of(1, 1), 1, 2, 50.0, 50.0, 1, 3, 33.33));
    }

    @Test
    void every_attempt_is_an_event_and_the_best_score_is_kept() {
        fixture.given(ENROLLED, quizAttempted(1))
                .when(attempt(0, 1))
                .expectEvents(new QuizAttemptedEvent(
                        ENROLLMENT, STUDENT.userId(), COURSE, QUIZ, 2, List.of(0, 1), 0, 2, 0.0, 100.0, 1, 3, 33.33));
    }

    @Test
    void a_quiz_attempt_on_a_video_is_refused() {
        refused(new SubmitQuizAttemptCommand(ENROLLMENT, STUDENT, VIDEO, List.of(0, 0), null), ErrorCode.NOT_A_QUIZ);
    }

    @Test
    void a_quiz_attempt_with_too_few_answers_is_refused() {
        refused(attempt(1), ErrorCode.INVALID_QUIZ_ANSWERS);
    }

    @Test
    void a_quiz_attempt_with_too_many_answers_is_refused() {
        refused(attempt(1, 0, 0), ErrorCode.INVALID_QUIZ_ANSWERS);
    }

    @Test
    void a_negative_answer_is_refused() {
        refused(attempt(-1, 0), ErrorCode.INVALID_QUIZ_ANSWERS);
    }

    @Test
    void an_answer_beyond_the_questions_options_is_refused() {
        refused(attempt(1, 2), ErrorCode.INVALID_QUIZ_ANSWERS);
    }

    @Test
    void a_missing_answer_is_refused() {
        refused(attempt(1, null), ErrorCode.INVALID_QUIZ_ANSWERS);
    }

    @Test
    void a_quiz_attempt_on_someone_elses_enrollment_is_refused() {
        fixture.given(ENROLLED)
                .when(new SubmitQuizAttemptCommand(ENROLLMENT, OTHER_STUDENT, QUIZ, List.of(1, 0), null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    // completion and the certificate

    @Test
    void completing_the_last_item_completes_the_enrollment_and_issues_the_certificate() {
        fixture.given(ENROLLED, videoCompleted(), quizAttempted(2))
                .when(progress(ASSIGNMENT, ProgressStatus.COMPLETED, null))
                .expectEvents(assignmentCompleted(), completedEvent(), certificateEvent());
    }

    @Test
    void the_certificate_is_issued_once_even_when_new_content_is_completed_after() {
        courses.set(published().with(added(NEW_VIDEO, ContentType.VIDEO)));
        fixture.given(
                        ENROLLED,
                        videoCompleted(),
                        quizAttempted(2),
                        assignmentCompleted(),
                        completedEvent(),
                        certificateEvent())
                .when(progress(NEW_VIDEO, ProgressStatus.COMPLETED, null))
                .expectEvents(recorded(NEW_VIDEO, ContentType.VIDEO, ProgressStatus.COMPLETED, null, 4, 4));
    }

    @Test
    void retaking_a_quiz_after_completion_issues_no_second_certificate() {
        fixture.given(
                        ENROLLED,
                        videoCompleted(),
                        quizAttempted(2),
                        assignmentCompleted(),
                        completedEvent(),
                        certificateEvent())
                .when(attempt(1, 0))
                .expectEvents(new QuizAttemptedEvent(
                        ENROLLMENT, STUDENT.userId(), COURSE, QUIZ, 2, List.of(1, 0), 2, 2, 100.0, 100.0, 3, 3, 100.0));
    }

    private void refused(Object command, ErrorCode expected) {
        fixture.given(ENROLLED).when(command).expectException(code(expected)).expectNoEvents();
    }
}
