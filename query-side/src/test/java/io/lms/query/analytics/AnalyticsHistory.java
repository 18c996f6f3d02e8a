package io.lms.query.analytics;

import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.Price;
import io.lms.api.enrollment.ContentProgressRecordedEvent;
import io.lms.api.enrollment.EnrollmentCompletedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.ProgressStatus;
import io.lms.api.enrollment.QuizAttemptedEvent;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.types.ObjectId;

/**
 * A known history of one course as domain event messages, numbered per aggregate as the event store numbers them:
 * the course and its items, then students who enroll, learn, attempt quizzes, complete or unenroll.
 */
final class AnalyticsHistory {

    static final String TEACHER = "6b06eb3caa76f936f62db6f1";
    static final String COURSE = "6b06eb3caa76f936f62db700";
    static final Instant DAY1 = Instant.parse("2026-11-25T23:59:59.999Z");

    final List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, Integer> attempts = new HashMap<>();

    void course(String title) {
        CourseDetails details = new CourseDetails(
                title,
                "slug-" + COURSE,
                "A course",
                "programming",
                List.of("java"),
                CourseLevel.BEGINNER,
                List.of(),
                List.of(),
                new Price(new BigDecimal("10.00"), "EUR"));
        course(new CourseCreatedEvent(COURSE, TEACHER, details), DAY1);
    }

    void publish() {
        course(new CoursePublishedEvent(COURSE, TEACHER, "Course"), DAY1);
    }

    void item(String contentId, ContentType type, String title, int order) {
        ContentFields fields = new ContentFields(title, "", order, null, null, null, null, null);
        course(new ContentAddedEvent(COURSE, contentId, TEACHER, "Course", CourseStatus.DRAFT, type, fields), DAY1);
    }

    void course(Object payload, Instant at) {
        add("Course", COURSE, payload, at);
    }

    void enroll(String student, Instant at) {
        add(
                "Enrollment",
                enrollmentOf(student),
                new StudentEnrolledEvent(enrollmentOf(student), student, COURSE, TEACHER, "Course"),
                at);
    }

    void unenroll(String student, Instant at) {
        add(
                "Enrollment",
                enrollmentOf(student),
                new StudentUnenrolledEvent(enrollmentOf(student), student, COURSE, TEACHER),
                at);
    }

    void progress(String student, String contentId, ProgressStatus status, Instant at) {
        add(
                "Enrollment",
                enrollmentOf(student),
                new ContentProgressRecordedEvent(
                        enrollmentOf(student), student, COURSE, contentId, ContentType.VIDEO, status, null, 1, 4, 25.0),
                at);
    }

    /** An attempt scoring {@code score}, with {@code best} the best of the student's attempts so far. */
    void quiz(String student, String contentId, double score, double best, Instant at) {
        int attempt = attempts.merge(student + contentId, 1, Integer::sum);
        add(
                "Enrollment",
                enrollmentOf(student),
                new QuizAttemptedEvent(
                        enrollmentOf(student),
                        student,
                        COURSE,
                        contentId,
                        attempt,
                        List.of(0),
                        (int) score,
                        100,
                        score,
                        best,
                        1,
                        4,
                        25.0),
                at);
    }

    void complete(String student, Instant at) {
        add(
                "Enrollment",
                enrollmentOf(student),
                new EnrollmentCompletedEvent(enrollmentOf(student), student, COURSE),
                at);
    }

    static String enrollmentOf(String student) {
        return new EnrollmentKey(student, COURSE).enrollmentId();
    }

    private void add(String type, String aggregateId, Object payload, Instant at) {
        long version = versions.merge(aggregateId, 0L, (old, zero) -> old + 1);
        messages.add(new GenericDomainEventMessage<>(
                type, aggregateId, version, payload, MetaData.emptyInstance(), new ObjectId().toHexString(), at));
    }
}
