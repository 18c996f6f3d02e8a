package io.lms.query.enrollment;

import static io.lms.query.LearningProjections.T0;
import static io.lms.query.LearningProjections.TEACHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.course.ContentType;
import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.api.enrollment.ContentProgressRecordedEvent;
import io.lms.api.enrollment.EnrollmentCompletedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.EnrollmentStatus;
import io.lms.api.enrollment.EnrollmentView;
import io.lms.api.enrollment.ProgressStatus;
import io.lms.api.enrollment.ProgressView;
import io.lms.api.enrollment.QuizAttemptedEvent;
import io.lms.api.enrollment.ReviewWrittenEvent;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentReenrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.query.LearningProjections;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Feeds enrollment events to the projections and reads the enrollment and progress documents back. */
class EnrollmentProjectionTest {

    private static final String COURSE = "6b06eb3caa76f936f62db700";
    private static final String ALICE = "6b06eb3caa76f936f62db801";
    private static final String BOB = "6b06eb3caa76f936f62db802";
    private static final String VIDEO = "6b06eb3caa76f936f62db710";
    private static final String QUIZ = "6b06eb3caa76f936f62db711";
    private static final String ALICE_IN_COURSE = new EnrollmentKey(ALICE, COURSE).enrollmentId();
    private static final String BOB_IN_COURSE = new EnrollmentKey(BOB, COURSE).enrollmentId();
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);
    private static final Instant T3 = T0.plusSeconds(180);

    private LearningProjections projections;

    @BeforeEach
    void setUp() {
        projections = new LearningProjections("enrollment_projection_test");
        projections.publishedCourse(COURSE);
    }

    private void enroll(String enrollmentId, String student, Instant at) {
        projections.enrollment(
                enrollmentId, 0, new StudentEnrolledEvent(enrollmentId, student, COURSE, TEACHER, "Course"), at);
    }

    private Document enrollmentDocument(String id) {
        return projections.document("enrollments", id);
    }

    private long enrollmentCount() {
        return projections
                .document("courses", COURSE)
                .get("enrollment_count", Number.class)
                .longValue();
    }

    @Test
    void an_enrollment_becomes_a_document_in_the_documented_shape() {
        enroll(ALICE_IN_COURSE, ALICE, T1);

        Document d = enrollmentDocument(ALICE_IN_COURSE);
        assertThat(d.get("user_id")).isEqualTo(new ObjectId(ALICE));
        assertThat(d.get("course_id")).isEqualTo(new ObjectId(COURSE));
        assertThat(d.getDate("enrolled_at")).isEqualTo(Date.from(T1));
        assertThat(d.containsKey("completed_at")).isTrue();
        assertThat(d.get("completed_at")).isNull();
        assertThat(d.get("progress", Number.class).doubleValue()).isZero();
        assertThat(d.getDate("last_accessed")).isEqualTo(Date.from(T1));
        assertThat(d.getString("status")).isEqualTo("active");
        assertThat(d.get("version", Number.class).longValue()).isZero();
        assertThat(EnrollmentReadModel.view(d))
                .isEqualTo(
                        new EnrollmentView(ALICE_IN_COURSE, ALICE, COURSE, EnrollmentStatus.ACTIVE, T1, null, 0.0, T1));
    }

    @Test
    void progress_on_an_item_is_one_document_per_item_and_moves_the_enrollments_progress() {
        enroll(ALICE_IN_COURSE, ALICE, T1);
        projections.enrollment(
                ALICE_IN_COURSE,
                1,
                new ContentProgressRecordedEvent(
                        ALICE_IN_COURSE, ALICE, COURSE, VIDEO, ContentType.VIDEO, ProgressStatus.STARTED, 40, 0, 2, 0),
                T2);
        projections.enrollment(
                ALICE_IN_COURSE,
                2,
                new ContentProgressRecordedEvent(
                        ALICE_IN_COURSE,
                        ALICE,
                        COURSE,
                        VIDEO,
                        ContentType.VIDEO,
                        ProgressStatus.COMPLETED,
                        100,
                        1,
                        2,
                        50.0),
                T3);

        ObjectId progressId = EnrollmentReadModel.progressId(ALICE_IN_COURSE, VIDEO);
        Document p = projections.document("progress", progressId);
        assertThat(EnrollmentReadModel.progressView(p))
                .isEqualTo(new ProgressView(
                        progressId.toHexString(), ALICE, COURSE, VIDEO, ProgressStatus.COMPLETED, 100, null, T3));
        Document e = enrollmentDocument(ALICE_IN_COURSE);
        assertThat(e.get("progress", Number.class).doubleValue()).isEqualTo(50.0);
        assertThat(e.getDate("last_accessed")).isEqualTo(Date.from(T3));
        assertThat(e.get("version", Number.class).longValue()).isEqualTo(2);
    }

    @Test
    void a_quiz_attempt_completes_the_item_with_the_best_score_so_far() {
        enroll(ALICE_IN_COURSE, ALICE, T1);
        projections.enrollment(ALICE_IN_COURSE, 1, attempt(1, 100.0, 100.0), T2);
        projections.enrollment(ALICE_IN_COURSE, 2, attempt(2, 50.0, 100.0), T3);

        Document p = projections.document("progress", EnrollmentReadModel.progressId(ALICE_IN_COURSE, QUIZ));
        assertThat(p.getString("status")).isEqualTo("completed");
        assertThat(p.get("quiz_score", Number.class).doubleValue()).isEqualTo(100.0);
        assertThat(p.getDate("updated_at")).isEqualTo(Date.from(T3));
    }

    private static QuizAttemptedEvent attempt(int attempt, double score, double best) {
        return new QuizAttemptedEvent(
                ALICE_IN_COURSE, ALICE, COURSE, QUIZ, attempt, List.of(1, 0), 1, 2, score, best, 1, 2, 50.0);
    }

    @Test
    void completion_sets_completed_at_to_the_moment_it_first_reached_100_percent() {
        enroll(ALICE_IN_COURSE, ALICE, T1);
        projections.enrollment(ALICE_IN_COURSE, 1, new EnrollmentCompletedEvent(ALICE_IN_COURSE, ALICE, COURSE), T2);

        assertThat(enrollmentDocument(ALICE_IN_COURSE).getDate("completed_at")).isEqualTo(Date.from(T2));
    }

    @Test
    void unenrolling_keeps_the_history_and_enrolling_again_reactivates_it_with_its_first_enrolled_at() {
        enroll(ALICE_IN_COURSE, ALICE, T1);
        projections.enrollment(
                ALICE_IN_COURSE, 1, new StudentUnenrolledEvent(ALICE_IN_COURSE, ALICE, COURSE, TEACHER), T2);
        assertThat(enrollmentDocument(ALICE_IN_COURSE).getString("status")).isEqualTo("unenrolled");

        projections.enrollment(
                ALICE_IN_COURSE,
                2,
                new StudentReenrolledEvent(ALICE_IN_COURSE, ALICE, COURSE, TEACHER, "Course", 25.0),
                T3);
        Document d = enrollmentDocument(ALICE_IN_COURSE);
        assertThat(d.getString("status")).isEqualTo("active");
        assertThat(d.getDate("enrolled_at")).isEqualTo(Date.from(T1));
        assertThat(d.get("progress", Number.class).doubleValue()).isEqualTo(25.0);
        assertThat(d.getDate("last_accessed")).isEqualTo(Date.from(T3));
    }

    @Test
    void enrollment_count_is_the_number_of_active_enrollments() {
        enroll(ALICE_IN_COURSE, ALICE, T1);
        enroll(BOB_IN_COURSE, BOB, T1);
        assertThat(enrollmentCount()).isEqualTo(2);

        projections.enrollment(
                ALICE_IN_COURSE, 1, new StudentUnenrolledEvent(ALICE_IN_COURSE, ALICE, COURSE, TEACHER), T2);
        assertThat(enrollmentCount()).isEqualTo(1);

        projections.enrollment(
                ALICE_IN_COURSE,
                2,
                new StudentReenrolledEvent(ALICE_IN_COURSE, ALICE, COURSE, TEACHER, "Course", 0.0),
                T3);
        assertThat(enrollmentCount()).isEqualTo(2);
    }

    @Test
    void enrollment_count_leaves_the_courses_version_alone() {
        enroll(ALICE_IN_COURSE, ALICE, T1);

        assertThat(projections
                        .document("courses", COURSE)
                        .get("version", Number.class)
                        .longValue())
                .isEqualTo(1);
    }

    @Test
    void the_certificate_and_review_events_move_the_enrollments_version_too() {
        enroll(ALICE_IN_COURSE, ALICE, T1);
        projections.enrollment(
                ALICE_IN_COURSE,
                1,
                new CertificateIssuedEvent(
                        ALICE_IN_COURSE, "6b06eb3caa76f936f62db901", ALICE, COURSE, "Course", "code"),
                T2);
        assertThat(enrollmentDocument(ALICE_IN_COURSE)
                        .get("version", Number.class)
                        .longValue())
                .isEqualTo(1);

        projections.enrollment(
                ALICE_IN_COURSE,
                2,
                new ReviewWrittenEvent(ALICE_IN_COURSE, ALICE_IN_COURSE, ALICE, COURSE, 5, "Great"),
                T3);
        assertThat(enrollmentDocument(ALICE_IN_COURSE)
                        .get("version", Number.class)
                        .longValue())
                .isEqualTo(2);
    }
}
