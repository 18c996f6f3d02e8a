package io.lms.query;

import static io.lms.query.LearningProjections.T0;
import static io.lms.query.LearningProjections.TEACHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.course.ContentType;
import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.api.enrollment.ContentProgressRecordedEvent;
import io.lms.api.enrollment.EnrollmentCompletedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.ProgressStatus;
import io.lms.api.enrollment.QuizAttemptedEvent;
import io.lms.api.enrollment.ReviewDeletedEvent;
import io.lms.api.enrollment.ReviewEditedEvent;
import io.lms.api.enrollment.ReviewWrittenEvent;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentReenrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rule 26 for the {@code courses} processing group: the history of two courses with enrollments that come and go,
 * progress, a completion with its certificate and reviews written, edited, deleted and written again, delivered
 * twice or replayed after a reset, gives identical documents, and the courses' {@code rating} and
 * {@code enrollment_count} stay exact.
 */
class LearningReplayTest {

    private static final String JAVA = "6b06eb3caa76f936f62db700";
    private static final String RUST = "6b06eb3caa76f936f62db701";
    private static final String VIDEO = "6b06eb3caa76f936f62db710";
    private static final String QUIZ = "6b06eb3caa76f936f62db711";
    private static final List<String> STUDENTS =
            List.of("6b06eb3caa76f936f62db801", "6b06eb3caa76f936f62db802", "6b06eb3caa76f936f62db803");

    private LearningProjections projections;

    @BeforeEach
    void setUp() {
        projections = new LearningProjections("learning_replay_test");
        projections.publishedCourse(JAVA);
        projections.publishedCourse(RUST);
        for (String student : STUDENTS) {
            for (String course : List.of(JAVA, RUST)) {
                String id = id(student, course);
                projections.enrollment(
                        id, 0, new StudentEnrolledEvent(id, student, course, TEACHER, "Course"), T0.plusSeconds(1));
            }
        }
        String first = STUDENTS.get(0);
        String firstInJava = id(first, JAVA);
        projections.enrollment(
                firstInJava,
                1,
                new ContentProgressRecordedEvent(
                        firstInJava, first, JAVA, VIDEO, ContentType.VIDEO, ProgressStatus.COMPLETED, 100, 1, 2, 50.0),
                T0.plusSeconds(2));
        projections.enrollment(
                firstInJava,
                2,
                new QuizAttemptedEvent(
                        firstInJava, first, JAVA, QUIZ, 1, List.of(0, 1), 2, 2, 100.0, 100.0, 2, 2, 100.0),
                T0.plusSeconds(3));
        projections.enrollment(
                firstInJava, 3, new EnrollmentCompletedEvent(firstInJava, first, JAVA), T0.plusSeconds(3));
        projections.enrollment(
                firstInJava,
                4,
                new CertificateIssuedEvent(firstInJava, "6b06eb3caa76f936f62db901", first, JAVA, "Java", "code-1"),
                T0.plusSeconds(3));
        review(first, JAVA, 5, new ReviewWrittenEvent(firstInJava, firstInJava, first, JAVA, 5, "Great"));

        String second = STUDENTS.get(1);
        String secondInJava = id(second, JAVA);
        review(second, JAVA, 1, new ReviewWrittenEvent(secondInJava, secondInJava, second, JAVA, 1, "Meh"));
        review(second, JAVA, 2, new ReviewEditedEvent(secondInJava, secondInJava, second, JAVA, 3, "Better"));
        review(second, JAVA, 3, new ReviewDeletedEvent(secondInJava, secondInJava, second, JAVA, second));
        review(second, JAVA, 4, new ReviewWrittenEvent(secondInJava, secondInJava, second, JAVA, 4, "Good after all"));
        projections.enrollment(
                secondInJava, 5, new StudentUnenrolledEvent(secondInJava, second, JAVA, TEACHER), T0.plusSeconds(9));

        String third = STUDENTS.get(2);
        String thirdInRust = id(third, RUST);
        projections.enrollment(
                thirdInRust, 1, new StudentUnenrolledEvent(thirdInRust, third, RUST, TEACHER), T0.plusSeconds(9));
        projections.enrollment(
                thirdInRust,
                2,
                new StudentReenrolledEvent(thirdInRust, third, RUST, TEACHER, "Rust", 0.0),
                T0.plusSeconds(10));
        projections.enrollment(
                thirdInRust, 3, new StudentUnenrolledEvent(thirdInRust, third, RUST, TEACHER), T0.plusSeconds(11));
    }

    private static String id(String student, String course) {
        return new EnrollmentKey(student, course).enrollmentId();
    }

    private void review(String student, String course, long version, Object event) {
        projections.enrollment(id(student, course), version, event, T0.plusSeconds(5 + version));
    }

    private Document course(String id) {
        return projections.document("courses", id);
    }

    @Test
    void the_figures_count_the_current_reviews_and_active_enrollments() {
        assertThat(course(JAVA).get("rating", Document.class))
                .containsEntry("average", 4.5)
                .containsEntry("count", 2L);
        assertThat(course(JAVA).get("enrollment_count", Number.class).longValue())
                .isEqualTo(2);
        assertThat(course(RUST).get("enrollment_count", Number.class).longValue())
                .isEqualTo(2);
    }

    @Test
    void the_history_delivered_again_leaves_identical_documents() {
        Map<String, List<Document>> before = projections.snapshot();

        projections.redeliverAll();

        assertThat(projections.snapshot()).isEqualTo(before);
    }

    @Test
    void a_replay_from_a_reset_rebuilds_identical_documents() {
        Map<String, List<Document>> before = projections.snapshot();

        projections.replayAll();

        assertThat(projections.snapshot()).isEqualTo(before);
        assertThat(before.get("enrollments")).hasSize(6);
        assertThat(before.get("progress")).hasSize(2);
        assertThat(before.get("reviews")).hasSize(2);
        assertThat(before.get("certificates")).hasSize(1);
    }
}
