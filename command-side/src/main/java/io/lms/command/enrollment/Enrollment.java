package io.lms.command.enrollment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lms.api.common.Actor;
import io.lms.api.common.Role;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseStatus;
import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.api.enrollment.ContentProgressRecordedEvent;
import io.lms.api.enrollment.DeleteReviewCommand;
import io.lms.api.enrollment.EditReviewCommand;
import io.lms.api.enrollment.EnrollCommand;
import io.lms.api.enrollment.EnrollmentCompletedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.EnrollmentStatus;
import io.lms.api.enrollment.ProgressStatus;
import io.lms.api.enrollment.QuizAttemptedEvent;
import io.lms.api.enrollment.RecordProgressCommand;
import io.lms.api.enrollment.ReviewDeletedEvent;
import io.lms.api.enrollment.ReviewEditedEvent;
import io.lms.api.enrollment.ReviewWrittenEvent;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentReenrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.api.enrollment.SubmitQuizAttemptCommand;
import io.lms.api.enrollment.UnenrollCommand;
import io.lms.api.enrollment.WriteReviewCommand;
import io.lms.api.error.ErrorCode;
import io.lms.command.enrollment.CertificateIssuer.NewCertificate;
import io.lms.command.enrollment.CourseFacts.ContentFact;
import io.lms.platform.error.DomainException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One student in one course, from the first enrollment on, across unenrolling and enrolling again. Its id is
 * {@link EnrollmentKey#enrollmentId()} of the pair, so the event store's sequence-0 conflict decides two
 * concurrent first enrollments. Decides who may act on it, what progress counts (content of the course now, as
 * {@link CourseFacts} says), quiz scores, completion and the one certificate, and the student's one review.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
public class Enrollment {

    @AggregateIdentifier
    private String enrollmentId;

    private String studentId;
    private String courseId;
    private String instructorId;
    private EnrollmentStatus status;
    private Set<String> completedItems = new HashSet<>();
    private Map<String, Integer> quizAttempts = new LinkedHashMap<>();
    private Map<String, Double> bestQuizScores = new LinkedHashMap<>();
    private boolean completed;
    private boolean reviewed;

    protected Enrollment() {}

    /** The first enrollment creates the aggregate; a later one (after unenrolling) reactivates it. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(EnrollCommand command, CourseFactsLookup courses, CertificateIssuer certificates) {
        Actor actor = command.actor();
        if (actor == null || (actor.role() != Role.STUDENT && actor.role() != Role.INSTRUCTOR)) {
            throw DomainException.forbidden("Only students and instructors enroll in courses");
        }
        if (command.courseId() == null
                || !new EnrollmentKey(actor.userId(), command.courseId())
                        .enrollmentId()
                        .equals(command.enrollmentId())) {
            throw DomainException.invalid("enrollment_id", "must be derived from the student and the course");
        }
        CourseFacts course = courses.find(command.courseId())
                .orElseThrow(() -> DomainException.notFound("course", command.courseId()));
        if (actor.is(course.instructorId())) {
            throw new DomainException(
                    ErrorCode.OWN_COURSE_ENROLLMENT, "You teach this course; you cannot enroll in it");
        }
        if (status == EnrollmentStatus.ACTIVE) {
            throw new DomainException(ErrorCode.ALREADY_ENROLLED, "You are already enrolled in this course");
        }
        if (course.status() != CourseStatus.PUBLISHED) {
            throw new DomainException(
                    ErrorCode.COURSE_NOT_OPEN,
                    "The course is " + course.status().name().toLowerCase(Locale.ROOT) + "; it takes no enrollments");
        }
        if (status == null) {
            apply(new StudentEnrolledEvent(
                    command.enrollmentId(), actor.userId(), course.courseId(), course.instructorId(), course.title()));
        } else {
            int done = completedOf(course, completedItems);
            apply(new StudentReenrolledEvent(
                    enrollmentId,
                    studentId,
                    courseId,
                    instructorId,
                    course.title(),
                    Percent.of(done, course.itemCount())));
            completeIfDone(course, certificates);
        }
    }

    @CommandHandler
    public void handle(UnenrollCommand command) {
        Actor actor = command.actor();
        if (actor == null || (!actor.is(studentId) && !actor.isAdmin())) {
            throw DomainException.forbidden("Only the student or an admin ends an enrollment");
        }
        requireActive();
        apply(new StudentUnenrolledEvent(enrollmentId, studentId, courseId, instructorId));
    }

    /** A completed item stays completed: recording it again changes nothing. */
    @CommandHandler
    public void handle(RecordProgressCommand command, CourseFactsLookup courses, CertificateIssuer certificates) {
        requireTheStudent(command.actor());
        requireActive();
        CourseFacts course = facts(courses);
        ContentFact item = contentOfCourse(course, command.contentId());
        ProgressStatus asked = ProgressRules.check(item.type(), command.status(), command.progress());
        if (completedItems.contains(command.contentId())) {
            return;
        }
        Set<String> after = new HashSet<>(completedItems);
        if (asked == ProgressStatus.COMPLETED) {
            after.add(command.contentId());
        }
        int done = completedOf(course, after);
        apply(new ContentProgressRecordedEvent(
                enrollmentId,
                studentId,
                courseId,
                command.contentId(),
                item.type(),
                asked,
                command.progress(),
                done,
                course.itemCount(),
                Percent.of(done, course.itemCount())));
        completeIfDone(course, certificates);
    }

    /** Scores the attempt on the server; it completes the quiz item, and the best score is kept. */
    @CommandHandler
    public QuizScoring.Score handle(
            SubmitQuizAttemptCommand command, CourseFactsLookup courses, CertificateIssuer certificates) {
        requireTheStudent(command.actor());
        requireActive();
        CourseFacts course = facts(courses);
        ContentFact item = contentOfCourse(course, command.contentId());
        if (item.type() != ContentType.QUIZ) {
            throw new DomainException(ErrorCode.NOT_A_QUIZ, "Content item " + command.contentId() + " is not a quiz");
        }
        QuizScoring.Score score = QuizScoring.score(item.quiz(), command.answers());
        Set<String> after = new HashSet<>(completedItems);
        after.add(command.contentId());
        int done = completedOf(course, after);
        double best = Math.max(score.score(), bestQuizScores.getOrDefault(command.contentId(), 0.0));
        apply(new QuizAttemptedEvent(
                enrollmentId,
                studentId,
                courseId,
                command.contentId(),
                quizAttempts.getOrDefault(command.contentId(), 0) + 1,
                List.copyOf(command.answers()),
                score.correct(),
                score.total(),
                score.score(),
                best,
                done,
                course.itemCount(),
                Percent.of(done, course.itemCount())));
        completeIfDone(course, certificates);
        return score;
    }

    @CommandHandler
    public void handle(WriteReviewCommand command) {
        requireTheStudent(command.actor());
        if (status != EnrollmentStatus.ACTIVE) {
            throw new DomainException(
                    ErrorCode.NOT_A_COURSE_STUDENT,
                    "Only students enrolled in the course review it; enroll again first");
        }
        if (reviewed) {
            throw new DomainException(ErrorCode.REVIEW_EXISTS, "You have reviewed this course; edit that review");
        }
        String text = ReviewRules.check(command.rating(), command.reviewText());
        apply(new ReviewWrittenEvent(enrollmentId, enrollmentId, studentId, courseId, command.rating(), text));
    }

    @CommandHandler
    public void handle(EditReviewCommand command) {
        requireReviewOf(command.courseId());
        if (command.actor() == null || !command.actor().is(studentId)) {
            throw DomainException.forbidden("Only its author edits a review");
        }
        String text = ReviewRules.check(command.rating(), command.reviewText());
        apply(new ReviewEditedEvent(enrollmentId, enrollmentId, studentId, courseId, command.rating(), text));
    }

    @CommandHandler
    public void handle(DeleteReviewCommand command) {
        requireReviewOf(command.courseId());
        Actor actor = command.actor();
        if (actor == null || (!actor.is(studentId) && !actor.isAdmin())) {
            throw DomainException.forbidden("Only its author or an admin deletes a review");
        }
        apply(new ReviewDeletedEvent(enrollmentId, enrollmentId, studentId, courseId, actor.userId()));
    }

    @EventSourcingHandler
    void on(StudentEnrolledEvent event) {
        enrollmentId = event.enrollmentId();
        studentId = event.studentId();
        courseId = event.courseId();
        instructorId = event.instructorId();
        status = EnrollmentStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(StudentReenrolledEvent event) {
        status = EnrollmentStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(StudentUnenrolledEvent event) {
        status = EnrollmentStatus.UNENROLLED;
    }

    @EventSourcingHandler
    void on(ContentProgressRecordedEvent event) {
        if (event.status() == ProgressStatus.COMPLETED) {
            completedItems.add(event.contentId());
        }
    }

    @EventSourcingHandler
    void on(QuizAttemptedEvent event) {
        completedItems.add(event.contentId());
        quizAttempts.put(event.contentId(), event.attempt());
        bestQuizScores.put(event.contentId(), event.bestScore());
    }

    @EventSourcingHandler
    void on(EnrollmentCompletedEvent event) {
        completed = true;
    }

    @EventSourcingHandler
    void on(ReviewWrittenEvent event) {
        reviewed = true;
    }

    @EventSourcingHandler
    void on(ReviewDeletedEvent event) {
        reviewed = false;
    }

    EnrollmentStatus status() {
        return status;
    }

    /** The first time every item of the course now is completed: completion, and the one certificate. */
    private void completeIfDone(CourseFacts course, CertificateIssuer certificates) {
        if (completed || course.itemCount() == 0 || completedOf(course, completedItems) < course.itemCount()) {
            return;
        }
        apply(new EnrollmentCompletedEvent(enrollmentId, studentId, courseId));
        NewCertificate certificate = certificates.issue();
        apply(new CertificateIssuedEvent(
                enrollmentId,
                certificate.certificateId(),
                studentId,
                courseId,
                course.title(),
                certificate.verificationCode()));
    }

    /** Completed items that are still content of the course: deleted content no longer counts. */
    private static int completedOf(CourseFacts course, Set<String> items) {
        return (int) items.stream().filter(course.content()::containsKey).count();
    }

    private CourseFacts facts(CourseFactsLookup courses) {
        return courses.find(courseId).orElseThrow(() -> DomainException.notFound("course", courseId));
    }

    private static ContentFact contentOfCourse(CourseFacts course, String contentId) {
        ContentFact item = course.item(contentId);
        if (item == null) {
            throw new DomainException(
                    ErrorCode.CONTENT_NOT_IN_COURSE, "Content item " + contentId + " is not part of this course");
        }
        return item;
    }

    private void requireTheStudent(Actor actor) {
        if (actor == null || !actor.is(studentId)) {
            throw DomainException.forbidden("This is another student's enrollment");
        }
    }

    private void requireActive() {
        if (status != EnrollmentStatus.ACTIVE) {
            throw new DomainException(ErrorCode.NOT_ENROLLED, "The enrollment is not active; enroll again first");
        }
    }

    private void requireReviewOf(String reviewCourseId) {
        if (!reviewed || !courseId.equals(reviewCourseId)) {
            throw new DomainException(ErrorCode.NO_REVIEW, "There is no such review of this course");
        }
    }
}
