package io.lms.query.review;

import static io.lms.query.LearningProjections.T0;
import static io.lms.query.LearningProjections.TEACHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.ReviewDeletedEvent;
import io.lms.api.enrollment.ReviewEditedEvent;
import io.lms.api.enrollment.ReviewView;
import io.lms.api.enrollment.ReviewWrittenEvent;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.query.LearningProjections;
import java.time.Instant;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Feeds review events to the projections and reads the reviews and the course's rating back. */
class ReviewProjectionTest {

    private static final String COURSE = "6b06eb3caa76f936f62db700";
    private static final String ALICE = "6b06eb3caa76f936f62db801";
    private static final String BOB = "6b06eb3caa76f936f62db802";
    private static final String ALICE_IN_COURSE = new EnrollmentKey(ALICE, COURSE).enrollmentId();
    private static final String BOB_IN_COURSE = new EnrollmentKey(BOB, COURSE).enrollmentId();
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Instant T2 = T0.plusSeconds(120);

    private LearningProjections projections;

    @BeforeEach
    void setUp() {
        projections = new LearningProjections("review_projection_test");
        projections.publishedCourse(COURSE);
        for (String[] pair : new String[][] {{ALICE_IN_COURSE, ALICE}, {BOB_IN_COURSE, BOB}}) {
            projections.enrollment(
                    pair[0], 0, new StudentEnrolledEvent(pair[0], pair[1], COURSE, TEACHER, "Course"), T0);
        }
    }

    private void write(String enrollment, String student, long version, int rating) {
        projections.enrollment(
                enrollment,
                version,
                new ReviewWrittenEvent(enrollment, enrollment, student, COURSE, rating, "rated " + rating),
                T1);
    }

    private Document rating() {
        return projections.document("courses", COURSE).get("rating", Document.class);
    }

    @Test
    void a_written_review_becomes_a_document_in_the_documented_shape() {
        write(ALICE_IN_COURSE, ALICE, 1, 4);

        Document d = projections.document("reviews", ALICE_IN_COURSE);
        assertThat(ReviewReadModel.view(d))
                .isEqualTo(new ReviewView(ALICE_IN_COURSE, ALICE, COURSE, 4, "rated 4", T1, T1));
        assertThat(d.get("version", Number.class).longValue()).isEqualTo(1);
    }

    @Test
    void the_rating_is_the_mean_of_the_current_reviews_after_each_write_edit_and_delete() {
        write(ALICE_IN_COURSE, ALICE, 1, 5);
        assertThat(rating()).containsEntry("average", 5.0).containsEntry("count", 1L);

        write(BOB_IN_COURSE, BOB, 1, 2);
        assertThat(rating()).containsEntry("average", 3.5).containsEntry("count", 2L);

        projections.enrollment(
                BOB_IN_COURSE,
                2,
                new ReviewEditedEvent(BOB_IN_COURSE, BOB_IN_COURSE, BOB, COURSE, 4, "better now"),
                T2);
        assertThat(rating()).containsEntry("average", 4.5).containsEntry("count", 2L);
        Document edited = projections.document("reviews", BOB_IN_COURSE);
        assertThat(edited.getString("review_text")).isEqualTo("better now");
        assertThat(edited.getDate("created_at").toInstant()).isEqualTo(T1);
        assertThat(edited.getDate("updated_at").toInstant()).isEqualTo(T2);

        projections.enrollment(
                ALICE_IN_COURSE, 2, new ReviewDeletedEvent(ALICE_IN_COURSE, ALICE_IN_COURSE, ALICE, COURSE, ALICE), T2);
        assertThat(rating()).containsEntry("average", 4.0).containsEntry("count", 1L);
        assertThat(projections.document("reviews", ALICE_IN_COURSE)).isNull();

        projections.enrollment(
                BOB_IN_COURSE, 3, new ReviewDeletedEvent(BOB_IN_COURSE, BOB_IN_COURSE, BOB, COURSE, TEACHER), T2);
        assertThat(rating()).containsEntry("average", 0.0).containsEntry("count", 0L);
    }

    @Test
    void a_redelivered_deletion_leaves_a_review_written_again_after_it() {
        write(ALICE_IN_COURSE, ALICE, 1, 2);
        projections.enrollment(
                ALICE_IN_COURSE, 2, new ReviewDeletedEvent(ALICE_IN_COURSE, ALICE_IN_COURSE, ALICE, COURSE, ALICE), T2);
        write(ALICE_IN_COURSE, ALICE, 3, 5);

        projections.redeliverAll();

        Document review = projections.document("reviews", ALICE_IN_COURSE);
        assertThat(review.get("rating", Number.class).intValue()).isEqualTo(5);
        assertThat(review.get("version", Number.class).longValue()).isEqualTo(3);
        assertThat(rating()).containsEntry("average", 5.0).containsEntry("count", 1L);
    }

    @Test
    void the_rating_leaves_the_courses_version_alone() {
        write(ALICE_IN_COURSE, ALICE, 1, 5);

        assertThat(projections
                        .document("courses", COURSE)
                        .get("version", Number.class)
                        .longValue())
                .isEqualTo(1);
    }
}
