package io.lms.query.course;

import static io.lms.query.LearningProjections.T0;
import static io.lms.query.LearningProjections.TEACHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentDeletedEvent;
import io.lms.api.course.ContentEditedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseEditedEvent;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.CurriculumReplacedEvent;
import io.lms.api.course.Price;
import io.lms.api.course.Section;
import io.lms.api.course.Topic;
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
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.query.LearningProjections;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Every projection of the {@code courses} group writes a batch of events at once (VersionedBatch): the documents of
 * all six collections must be those that handling the events one by one gives, whatever the batch size, with a
 * course edited in the batch that created it, content deleted, reviews deleted and written again.
 */
class CoursesGroupBatchWritesTest {

    private static final String COURSE = "6b06eb3caa76f936f62dbc00";
    private static final String QUIZ = "6b06eb3caa76f936f62dbc10";
    private static final String VIDEO = "6b06eb3caa76f936f62dbc11";
    private static final String ANN = "6b06eb3caa76f936f62dbc01";
    private static final String BOB = "6b06eb3caa76f936f62dbc02";

    @Test
    void batches_of_any_size_give_the_documents_that_one_event_at_a_time_gives() {
        LearningProjections oneByOne = history("courses_group_one_by_one");
        Map<String, List<Document>> expected = oneByOne.snapshot();
        List<EventMessage<?>> events = oneByOne.history();

        for (int size : new int[] {1, 2, 3, 7, events.size()}) {
            LearningProjections batched = new LearningProjections("courses_group_batch_" + size);
            batched.deliverInBatches(events, size);

            assertThat(batched.snapshot()).as("batches of %d", size).isEqualTo(expected);
        }
        assertThat(expected.get("content")).hasSize(1);
        assertThat(expected.get("reviews")).hasSize(1);
        assertThat(oneByOne.document("courses", COURSE).get("enrollment_count")).isEqualTo(1L);
    }

    @Test
    void the_whole_history_handled_again_in_one_batch_changes_nothing() {
        LearningProjections projections = history("courses_group_again");
        Map<String, List<Document>> once = projections.snapshot();

        projections.deliverInBatches(
                projections.history(), projections.history().size());
        projections.deliverInBatches(projections.history().subList(5, 15), 4);

        assertThat(projections.snapshot()).isEqualTo(once);
    }

    /** Handled one event at a time, as outside a batch. */
    private static LearningProjections history(String database) {
        LearningProjections p = new LearningProjections(database);
        CourseDetails details = new CourseDetails(
                "Graphs",
                "graphs",
                "Paths and trees",
                "programming",
                List.of("algorithms"),
                CourseLevel.BEGINNER,
                List.of(),
                List.of(),
                new Price(new BigDecimal("10.00"), "EUR"));
        long v = 0;
        p.handle("Course", COURSE, v++, new CourseCreatedEvent(COURSE, TEACHER, details), at(1));
        CourseDetails renamed = new CourseDetails("Graph theory", null, null, null, null, null, null, null, null);
        p.handle("Course", COURSE, v++, new CourseEditedEvent(COURSE, TEACHER, "Graph theory", renamed, null), at(2));
        p.handle("Course", COURSE, v++, content(QUIZ, ContentType.QUIZ, "Quiz", 1), at(3));
        p.handle("Course", COURSE, v++, content(VIDEO, ContentType.VIDEO, "Intro", 2), at(4));
        ContentFields moved = new ContentFields(null, null, 0, null, null, null, null, null);
        p.handle(
                "Course",
                COURSE,
                v++,
                new ContentEditedEvent(
                        COURSE, QUIZ, TEACHER, "Graph theory", CourseStatus.DRAFT, ContentType.QUIZ, "Quiz", moved),
                at(5));
        p.handle(
                "Course",
                COURSE,
                v++,
                new ContentDeletedEvent(
                        COURSE,
                        VIDEO,
                        TEACHER,
                        "Graph theory",
                        CourseStatus.DRAFT,
                        ContentType.VIDEO,
                        "Intro",
                        false,
                        List.of()),
                at(6));
        List<Topic> topics = List.of(new Topic("Basics", List.of(new Section("Paths", List.of(), List.of()))));
        p.handle("Course", COURSE, v++, new CurriculumReplacedEvent(COURSE, TEACHER, "Graph theory", topics), at(7));
        p.handle("Course", COURSE, v++, new CoursePublishedEvent(COURSE, TEACHER, "Graph theory"), at(8));
        CourseDetails tagged = new CourseDetails(null, null, null, null, List.of("graphs"), null, null, null, null);
        p.handle("Course", COURSE, v, new CourseEditedEvent(COURSE, TEACHER, "Graph theory", tagged, null), at(9));

        String ann = new EnrollmentKey(ANN, COURSE).enrollmentId();
        String annReview = "6b06eb3caa76f936f62dbc21";
        p.enrollment(ann, 0, new StudentEnrolledEvent(ann, ANN, COURSE, TEACHER, "Graph theory"), at(10));
        p.enrollment(
                ann, 1, new QuizAttemptedEvent(ann, ANN, COURSE, QUIZ, 1, List.of(1), 0, 1, 0, 0, 1, 1, 100), at(11));
        p.enrollment(
                ann,
                2,
                new QuizAttemptedEvent(ann, ANN, COURSE, QUIZ, 2, List.of(0), 1, 1, 100, 100, 1, 1, 100),
                at(12));
        p.enrollment(ann, 3, new EnrollmentCompletedEvent(ann, ANN, COURSE), at(13));
        p.enrollment(
                ann,
                4,
                new CertificateIssuedEvent(ann, "6b06eb3caa76f936f62dbc31", ANN, COURSE, "Graph theory", "c0de"),
                at(14));
        p.enrollment(ann, 5, new ReviewWrittenEvent(ann, annReview, ANN, COURSE, 3, "ok"), at(15));
        p.enrollment(ann, 6, new ReviewEditedEvent(ann, annReview, ANN, COURSE, 5, "great"), at(16));

        String bob = new EnrollmentKey(BOB, COURSE).enrollmentId();
        String bobReview = "6b06eb3caa76f936f62dbc22";
        p.enrollment(bob, 0, new StudentEnrolledEvent(bob, BOB, COURSE, TEACHER, "Graph theory"), at(17));
        p.enrollment(
                bob,
                1,
                new ContentProgressRecordedEvent(
                        bob, BOB, COURSE, QUIZ, ContentType.QUIZ, ProgressStatus.STARTED, null, 0, 1, 0),
                at(18));
        p.enrollment(bob, 2, new ReviewWrittenEvent(bob, bobReview, BOB, COURSE, 1, "hard"), at(19));
        p.enrollment(bob, 3, new ReviewDeletedEvent(bob, bobReview, BOB, COURSE, BOB), at(20));
        p.enrollment(bob, 4, new ReviewWrittenEvent(bob, bobReview, BOB, COURSE, 2, "still hard"), at(21));
        p.enrollment(bob, 5, new ReviewDeletedEvent(bob, bobReview, BOB, COURSE, TEACHER), at(22));
        p.enrollment(bob, 6, new StudentUnenrolledEvent(bob, BOB, COURSE, TEACHER), at(23));
        return p;
    }

    private static ContentAddedEvent content(String id, ContentType type, String title, int order) {
        return new ContentAddedEvent(
                COURSE,
                id,
                TEACHER,
                "Graph theory",
                CourseStatus.DRAFT,
                type,
                new ContentFields(title, null, order, null, null, null, null, null));
    }

    private static Instant at(int minute) {
        return T0.plusSeconds(60L * minute);
    }
}
