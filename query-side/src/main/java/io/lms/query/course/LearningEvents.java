package io.lms.query.course;

import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.api.enrollment.ContentProgressRecordedEvent;
import io.lms.api.enrollment.EnrollmentCompletedEvent;
import io.lms.api.enrollment.QuizAttemptedEvent;
import io.lms.api.enrollment.ReviewDeletedEvent;
import io.lms.api.enrollment.ReviewEditedEvent;
import io.lms.api.enrollment.ReviewWrittenEvent;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentReenrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import java.util.Optional;
import java.util.Set;

/** The course an Enrollment aggregate's event is about, and which of those events change the course's document. */
public final class LearningEvents {

    /** The events after which {@code rating} or {@code enrollment_count} of the course is worked out again. */
    private static final Set<Class<?>> CHANGING_COURSE_FIGURES = Set.of(
            StudentEnrolledEvent.class,
            StudentReenrolledEvent.class,
            StudentUnenrolledEvent.class,
            ReviewWrittenEvent.class,
            ReviewEditedEvent.class,
            ReviewDeletedEvent.class);

    private LearningEvents() {}

    public static boolean changesCourseFigures(Class<?> payloadType) {
        return CHANGING_COURSE_FIGURES.contains(payloadType);
    }

    /** The course of an enrollment's event, or empty for any other payload. */
    public static Optional<String> courseOf(Object payload) {
        if (payload instanceof StudentEnrolledEvent e) {
            return Optional.of(e.courseId());
        } else if (payload instanceof StudentReenrolledEvent e) {
            return Optional.of(e.courseId());
        } else if (payload instanceof StudentUnenrolledEvent e) {
            return Optional.of(e.courseId());
        } else if (payload instanceof ContentProgressRecordedEvent e) {
            return Optional.of(e.courseId());
        } else if (payload instanceof QuizAttemptedEvent e) {
            return Optional.of(e.courseId());
        } else if (payload instanceof EnrollmentCompletedEvent e) {
            return Optional.of(e.courseId());
        } else if (payload instanceof CertificateIssuedEvent e) {
            return Optional.of(e.courseId());
        } else if (payload instanceof ReviewWrittenEvent e) {
            return Optional.of(e.courseId());
        } else if (payload instanceof ReviewEditedEvent e) {
            return Optional.of(e.courseId());
        } else if (payload instanceof ReviewDeletedEvent e) {
            return Optional.of(e.courseId());
        }
        return Optional.empty();
    }
}
