package io.lms.query.analytics;

import static io.lms.query.analytics.AnalyticsHistory.COURSE;
import static io.lms.query.analytics.AnalyticsHistory.DAY1;

import io.lms.api.analytics.CourseAnalyticsView;
import io.lms.api.analytics.EnrollmentsOnDay;
import io.lms.api.analytics.QuizScores;
import io.lms.api.analytics.StoppingPoint;
import io.lms.api.course.ContentType;
import io.lms.api.enrollment.ProgressStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;

/** One course's known history and its exact figures, for the projection tests here and in other packages. */
public final class AnalyticsFixtures {

    public static final String VIDEO = "6b06eb3caa76f936f62db710";
    public static final String QUIZ1 = "6b06eb3caa76f936f62db711";
    public static final String TASK = "6b06eb3caa76f936f62db712";
    public static final String QUIZ2 = "6b06eb3caa76f936f62db713";
    public static final String ALICE = "6b06eb3caa76f936f62db801";
    public static final String BOB = "6b06eb3caa76f936f62db802";
    public static final String CAROL = "6b06eb3caa76f936f62db803";
    public static final String DAN = "6b06eb3caa76f936f62db804";
    public static final String EVE = "6b06eb3caa76f936f62db805";
    public static final String FRANK = "6b06eb3caa76f936f62db806";
    public static final Instant DAY2 = DAY1.plusMillis(1);
    public static final Instant DAY3 = DAY2.plus(Duration.ofDays(1));

    private AnalyticsFixtures() {}

    /**
     * Six students over three UTC days (the first at 23:59:59.999 on 25 November, the next a millisecond later):
     * Alice completes everything (Q1 50 then 100, Q2 80); Bob completes the video and scores 0 on Q1; Carol does
     * nothing and unenrolls; Dan hands in only the assignment; Eve and Frank watch the video.
     */
    static void sixStudents(AnalyticsHistory h) {
        h.course("Course");
        h.item(VIDEO, ContentType.VIDEO, "Welcome", 0);
        h.item(QUIZ1, ContentType.QUIZ, "Check one", 1);
        h.item(TASK, ContentType.ASSIGNMENT, "Task", 2);
        h.item(QUIZ2, ContentType.QUIZ, "Check two", 3);
        h.publish();
        h.enroll(ALICE, DAY1);
        h.enroll(BOB, DAY1.minusSeconds(3600));
        h.progress(ALICE, VIDEO, ProgressStatus.STARTED, DAY2);
        h.progress(ALICE, VIDEO, ProgressStatus.COMPLETED, DAY2);
        h.quiz(ALICE, QUIZ1, 50, 50, DAY2);
        h.quiz(ALICE, QUIZ1, 100, 100, DAY2);
        h.progress(ALICE, TASK, ProgressStatus.COMPLETED, DAY2);
        h.quiz(ALICE, QUIZ2, 80, 80, DAY2);
        h.complete(ALICE, DAY2);
        h.progress(BOB, VIDEO, ProgressStatus.COMPLETED, DAY2);
        h.quiz(BOB, QUIZ1, 0, 0, DAY2);
        h.enroll(CAROL, DAY2);
        h.unenroll(CAROL, DAY3);
        h.enroll(DAN, DAY2);
        h.progress(DAN, TASK, ProgressStatus.COMPLETED, DAY3);
        h.enroll(EVE, DAY3);
        h.progress(EVE, VIDEO, ProgressStatus.COMPLETED, DAY3);
        h.enroll(FRANK, DAY3);
        h.progress(FRANK, VIDEO, ProgressStatus.COMPLETED, DAY3);
    }

    /** The figures of {@link #sixStudents}. */
    public static CourseAnalyticsView sixStudentsFigures() {
        return new CourseAnalyticsView(
                COURSE,
                6,
                5,
                1,
                1,
                1.0 / 6,
                List.of(
                        new EnrollmentsOnDay("2026-11-25", 2),
                        new EnrollmentsOnDay("2026-11-26", 2),
                        new EnrollmentsOnDay("2026-11-27", 2)),
                60.0,
                List.of(new QuizScores(QUIZ1, "Check one", 2, 50.0), new QuizScores(QUIZ2, "Check two", 1, 80.0)),
                List.of(
                        new StoppingPoint(VIDEO, "Welcome", "video", 1),
                        new StoppingPoint(QUIZ1, "Check one", "quiz", 2),
                        new StoppingPoint(TASK, "Task", "assignment", 1),
                        new StoppingPoint(QUIZ2, "Check two", "quiz", 1)),
                new StoppingPoint(QUIZ1, "Check one", "quiz", 2),
                DAY3);
    }

    /** {@link #sixStudents}'s events, as the event store would hold them. */
    public static List<EventMessage<?>> sixStudentsHistory() {
        AnalyticsHistory history = new AnalyticsHistory();
        sixStudents(history);
        return List.copyOf(history.messages);
    }

    /** The course's figures as the endpoint answers them, or {@code null} before the course is projected. */
    public static CourseAnalyticsView figures(CourseAnalyticsReadModel readModel) {
        return readModel
                .course(COURSE)
                .map(course -> CourseAnalyticsFigures.of(course, readModel.enrollmentsOf(COURSE)))
                .orElse(null);
    }
}
