package io.lms.query.course;

import static io.lms.query.support.Documents.hex;

import io.lms.platform.error.DomainException;
import io.lms.platform.security.Caller;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Who reads what of a course. A published course is public; a draft or archived one only for its instructor and
 * admins (and, once archived, for its enrolled students), and for everyone else it does not exist (404). Content
 * is for the instructor, admins and enrolled students; quiz answers only for the instructor and admins.
 */
@Component
public class CourseAccess {

    private final ObjectProvider<EnrollmentLookup> enrollments;

    public CourseAccess(ObjectProvider<EnrollmentLookup> enrollments) {
        this.enrollments = enrollments;
    }

    public boolean canSeeCourse(Caller caller, Document course) {
        String status = course.getString("status");
        if ("published".equals(status) || isOwnerOrAdmin(caller, course)) {
            return true;
        }
        return "archived".equals(status) && isEnrolled(caller, course);
    }

    /** Refuses a caller who may see the course but not its content: 401 when anonymous, else 403. */
    public void requireContentAccess(Caller caller, Document course) {
        caller.requireAuthenticated();
        if (!isOwnerOrAdmin(caller, course) && !isEnrolled(caller, course)) {
            throw DomainException.forbidden(
                    "Only the course's instructor, admins and enrolled students see its content");
        }
    }

    public boolean seesQuizAnswers(Caller caller, Document course) {
        return isOwnerOrAdmin(caller, course);
    }

    public boolean isOwnerOrAdmin(Caller caller, Document course) {
        return caller.authenticated() && (caller.isAdmin() || caller.is(hex(course.get("instructor_id"))));
    }

    private boolean isEnrolled(Caller caller, Document course) {
        EnrollmentLookup lookup = enrollments.getIfAvailable();
        return caller.authenticated() && lookup != null && lookup.isEnrolled(caller.userId(), hex(course.get("_id")));
    }
}
