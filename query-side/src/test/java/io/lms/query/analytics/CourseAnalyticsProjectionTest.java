package io.lms.query.analytics;

import static io.lms.query.analytics.AnalyticsFixtures.QUIZ1;
import static io.lms.query.analytics.AnalyticsFixtures.QUIZ2;
import static io.lms.query.analytics.AnalyticsFixtures.TASK;
import static io.lms.query.analytics.AnalyticsFixtures.VIDEO;
import static io.lms.query.analytics.AnalyticsHistory.COURSE;
import static io.lms.query.analytics.AnalyticsHistory.TEACHER;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Sorts;
import io.lms.api.analytics.CourseAnalyticsView;
import io.lms.api.analytics.QuizScores;
import io.lms.api.analytics.StoppingPoint;
import io.lms.api.course.ContentDeletedEvent;
import io.lms.api.course.ContentEditedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseStatus;
import io.lms.query.BatchedDelivery;
import io.lms.query.support.ReadModelCollections;
import io.lms.query.support.WireServer;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Feeds a known history of one course to the course-analytics projection through Axon's annotation adapter and
 * checks the figures exactly, also after the same events are delivered again and after a replay from a reset.
 */
class CourseAnalyticsProjectionTest {

    private CourseAnalyticsReadModel readModel;
    private AnnotationEventHandlerAdapter projection;
    private AnalyticsHistory history;

    @BeforeEach
    void setUp() {
        readModel = new CourseAnalyticsReadModel(
                ReadModelCollections.of(WireServer.freshDatabase("course_analytics_test")));
        projection = new AnnotationEventHandlerAdapter(new CourseAnalyticsProjection(readModel));
        history = new AnalyticsHistory();
    }

    @Test
    void a_known_history_gives_exact_figures() {
        AnalyticsFixtures.sixStudents(history);
        deliver(history.messages);

        assertThat(figures()).isEqualTo(AnalyticsFixtures.sixStudentsFigures());
    }

    @Test
    void batches_of_any_size_give_the_documents_that_one_event_at_a_time_gives() {
        AnalyticsFixtures.sixStudents(history);
        deliver(history.messages);
        List<List<Document>> expected = documents(readModel);

        for (int size : new int[] {1, 2, 5, history.messages.size()}) {
            CourseAnalyticsReadModel batched = new CourseAnalyticsReadModel(
                    ReadModelCollections.of(WireServer.freshDatabase("course_analytics_batch_" + size)));
            BatchedDelivery.inBatches(
                    List.of(new AnnotationEventHandlerAdapter(new CourseAnalyticsProjection(batched))),
                    new ArrayList<EventMessage<?>>(history.messages),
                    size);

            assertThat(documents(batched)).as("batches of %d", size).isEqualTo(expected);
        }
        assertThat(expected.get(1)).hasSize(6);
    }

    private static List<List<Document>> documents(CourseAnalyticsReadModel model) {
        return List.of(
                model.courses().find().sort(Sorts.ascending("_id")).into(new ArrayList<>()),
                model.enrollments().find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
    }

    @Test
    void the_same_events_delivered_again_change_no_figure() {
        AnalyticsFixtures.sixStudents(history);
        deliver(history.messages);
        deliver(history.messages);
        // Alice's first quiz attempt (50, after her 100) and her enrollment (not yet completed) once more
        deliver(List.of(history.messages.get(10), history.messages.get(6)));

        assertThat(figures()).isEqualTo(AnalyticsFixtures.sixStudentsFigures());
    }

    @Test
    void a_replay_from_a_reset_gives_the_same_figures() {
        AnalyticsFixtures.sixStudents(history);
        deliver(history.messages);
        projection.prepareReset();
        assertThat(readModel.course(COURSE)).isEmpty();

        deliver(history.messages);

        assertThat(figures()).isEqualTo(AnalyticsFixtures.sixStudentsFigures());
    }

    @Test
    void a_course_without_students_has_zeros_and_no_scores() {
        history.course("Empty");
        deliver(history.messages);

        CourseAnalyticsView view = figures();
        assertThat(view.enrolled()).isZero();
        assertThat(view.completionRate()).isZero();
        assertThat(view.averageQuizScore()).isNull();
        assertThat(view.stoppingPoints()).isEmpty();
        assertThat(view.mostCommonStop()).isNull();
    }

    @Test
    void moving_an_item_changes_the_course_order_and_deleting_a_quiz_drops_its_scores() {
        AnalyticsFixtures.sixStudents(history);
        ContentFields toTheEnd = new ContentFields(null, null, 5, null, null, null, null, null);
        history.course(
                new ContentEditedEvent(
                        COURSE,
                        VIDEO,
                        TEACHER,
                        "Course",
                        CourseStatus.PUBLISHED,
                        ContentType.VIDEO,
                        "Welcome",
                        toTheEnd),
                AnalyticsFixtures.DAY3);
        history.course(
                new ContentDeletedEvent(
                        COURSE,
                        QUIZ2,
                        TEACHER,
                        "Course",
                        CourseStatus.PUBLISHED,
                        ContentType.QUIZ,
                        "Check two",
                        false,
                        null),
                AnalyticsFixtures.DAY3);
        deliver(history.messages);

        CourseAnalyticsView view = figures();
        // the order is now Q1, Task, Video. Bob (Video, Q1) and Eve and Frank (Video) completed the last item, so
        // they stand at the first one they have not: Task for Bob, Q1 for Eve and Frank; Carol (nothing) at Q1;
        // Dan (Task) at Video
        assertThat(view.stoppingPoints())
                .containsExactly(
                        new StoppingPoint(QUIZ1, "Check one", "quiz", 3),
                        new StoppingPoint(TASK, "Task", "assignment", 1),
                        new StoppingPoint(VIDEO, "Welcome", "video", 1));
        assertThat(view.mostCommonStop()).isEqualTo(new StoppingPoint(QUIZ1, "Check one", "quiz", 3));
        assertThat(view.quizzes()).containsExactly(new QuizScores(QUIZ1, "Check one", 2, 50.0));
        assertThat(view.averageQuizScore()).isEqualTo(50.0);
    }

    @Test
    void a_student_who_completed_every_item_but_not_the_course_stands_nowhere() {
        List<CourseAnalyticsFigures.Item> items = List.of(
                new CourseAnalyticsFigures.Item(VIDEO, 0, "Welcome", "video"),
                new CourseAnalyticsFigures.Item(QUIZ1, 1, "Check one", "quiz"));

        assertThat(CourseAnalyticsFigures.stopOf(items, java.util.Set.of(VIDEO, QUIZ1)))
                .isNull();
        assertThat(CourseAnalyticsFigures.stopOf(items, java.util.Set.of(QUIZ1)))
                .isEqualTo(items.get(0));
        assertThat(CourseAnalyticsFigures.stopOf(List.of(), java.util.Set.of())).isNull();
    }

    private CourseAnalyticsView figures() {
        return AnalyticsFixtures.figures(readModel);
    }

    private void deliver(List<? extends EventMessage<?>> messages) {
        for (EventMessage<?> message : messages) {
            try {
                if (projection.canHandle(message)) {
                    projection.handle(message);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
