package io.lms.command.enrollment;

import io.lms.api.common.Actor;
import io.lms.api.common.Role;
import io.lms.api.course.AssignmentData;
import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentDeletedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseArchivedEvent;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.Price;
import io.lms.api.course.QuizData;
import io.lms.api.course.QuizQuestion;
import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.api.enrollment.EnrollmentCompletedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.error.ErrorCode;
import io.lms.platform.error.DomainException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;

/**
 * One course of three items (a video, a two-question quiz, an assignment) by {@code TEACHER}, and the people and
 * events the Enrollment tests share. The course's facts are folded from real Course events, as the command side
 * folds them.
 */
final class EnrollmentFixtures {

    static final String COURSE = "6b06eb3caa76f936f62db700";
    static final String TITLE = "Intro to Python";
    static final String VIDEO = "6b06eb3caa76f936f62db710";
    static final String QUIZ = "6b06eb3caa76f936f62db711";
    static final String ASSIGNMENT = "6b06eb3caa76f936f62db712";
    static final String NEW_VIDEO = "6b06eb3caa76f936f62db713";
    static final String FOREIGN_VIDEO = "6b06eb3caa76f936f62db719";
    static final Actor TEACHER = new Actor("6b06eb3caa76f936f62db6f1", Role.INSTRUCTOR);
    static final Actor OTHER_TEACHER = new Actor("6b06eb3caa76f936f62db6f2", Role.INSTRUCTOR);
    static final Actor STUDENT = new Actor("6b06eb3caa76f936f62db6f3", Role.STUDENT);
    static final Actor OTHER_STUDENT = new Actor("6b06eb3caa76f936f62db6f5", Role.STUDENT);
    static final Actor ADMIN = new Actor("6b06eb3caa76f936f62db6f4", Role.ADMIN);
    static final Actor AUDITOR = new Actor("6b06eb3caa76f936f62db6f6", Role.AUDITOR);
    static final String ENROLLMENT = new EnrollmentKey(STUDENT.userId(), COURSE).enrollmentId();
    static final String CERTIFICATE = "6b06eb3caa76f936f62db7c0";
    static final String CODE = "a-verification-code-of-enough-random-bits";

    /** The quiz: "2 + 2?" (options 3, 4, 5; answer 1) and "Is Python typed?" (yes, no; answer 0). */
    static final QuizData QUIZ_DATA = new QuizData(List.of(
            new QuizQuestion("2 + 2?", List.of("3", "4", "5"), 1),
            new QuizQuestion("Is Python typed?", List.of("yes", "no"), 0)));

    static final CourseCreatedEvent CREATED = new CourseCreatedEvent(
            COURSE,
            TEACHER.userId(),
            new CourseDetails(
                    TITLE,
                    "intro-to-python",
                    "Learn Python",
                    "programming",
                    List.of(),
                    CourseLevel.BEGINNER,
                    List.of(),
                    List.of(),
                    new Price(new BigDecimal("1.00"), "EUR")));

    static final StudentEnrolledEvent ENROLLED =
            new StudentEnrolledEvent(ENROLLMENT, STUDENT.userId(), COURSE, TEACHER.userId(), TITLE);

    private EnrollmentFixtures() {}

    static ContentAddedEvent added(String contentId, ContentType type) {
        return new ContentAddedEvent(
                COURSE,
                contentId,
                TEACHER.userId(),
                TITLE,
                CourseStatus.DRAFT,
                type,
                new ContentFields(
                        "Item " + contentId,
                        "",
                        0,
                        null,
                        null,
                        null,
                        type == ContentType.QUIZ ? QUIZ_DATA : null,
                        type == ContentType.ASSIGNMENT ? new AssignmentData("Write it", null, "file") : null));
    }

    static ContentDeletedEvent deleted(String contentId, ContentType type) {
        return new ContentDeletedEvent(
                COURSE, contentId, TEACHER.userId(), TITLE, CourseStatus.PUBLISHED, type, "x", false, null);
    }

    static CourseFacts draft() {
        return CourseFacts.NONE
                .with(CREATED)
                .with(added(VIDEO, ContentType.VIDEO))
                .with(added(QUIZ, ContentType.QUIZ))
                .with(added(ASSIGNMENT, ContentType.ASSIGNMENT));
    }

    static CourseFacts published() {
        return draft().with(new CoursePublishedEvent(COURSE, TEACHER.userId(), TITLE));
    }

    static CourseFacts archived() {
        return published().with(new CourseArchivedEvent(COURSE, TEACHER.userId(), TITLE, CourseStatus.PUBLISHED));
    }

    static EnrollmentCompletedEvent completedEvent() {
        return new EnrollmentCompletedEvent(ENROLLMENT, STUDENT.userId(), COURSE);
    }

    static CertificateIssuedEvent certificateEvent() {
        return new CertificateIssuedEvent(ENROLLMENT, CERTIFICATE, STUDENT.userId(), COURSE, TITLE, CODE);
    }

    static org.hamcrest.Matcher<Throwable> code(ErrorCode code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code() == code);
    }

    /** A fixture whose course facts the test sets ({@link Courses#set}) and whose certificates are predictable. */
    static FixtureConfiguration<Enrollment> fixture(Courses courses) {
        FixtureConfiguration<Enrollment> fixture = new AggregateTestFixture<>(Enrollment.class);
        fixture.registerInjectableResource(courses);
        fixture.registerInjectableResource(
                (CertificateIssuer) () -> new CertificateIssuer.NewCertificate(CERTIFICATE, CODE));
        return fixture;
    }

    /** The courses as the command side knows them, set by each test. */
    static final class Courses implements CourseFactsLookup {

        private final Map<String, CourseFacts> facts = new HashMap<>();

        Courses set(CourseFacts course) {
            facts.put(course.courseId(), course);
            return this;
        }

        @Override
        public Optional<CourseFacts> find(String courseId) {
            return Optional.ofNullable(facts.get(courseId));
        }
    }
}
