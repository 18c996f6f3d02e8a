package io.lms.query.forum;

import static io.lms.query.support.Documents.hex;

import io.lms.platform.error.DomainException;
import io.lms.platform.security.Caller;
import io.lms.query.notification.CourseMembers;
import org.springframework.stereotype.Component;

/**
 * Who reads a course's forums: its instructor, admins and its actively enrolled students. Enrollment is looked up
 * in the notifications processor's membership record ({@link CourseMembers}), which follows the enrollment events
 * a moment after they are stored, like every read model; anonymous callers get 401, others 403.
 */
@Component
class ForumAccess {

    private final CourseMembers members;

    ForumAccess(CourseMembers members) {
        this.members = members;
    }

    void requireReader(Caller caller, String courseId, String instructorId) {
        caller.requireAuthenticated();
        if (!caller.isAdmin() && !caller.is(instructorId) && !members.isActive(caller.userId(), courseId)) {
            throw DomainException.forbidden(
                    "Only the course's instructor, admins and enrolled students read its forums");
        }
    }

    void requireReader(Caller caller, org.bson.Document forum) {
        requireReader(caller, hex(forum.get("course_id")), hex(forum.get("instructor_id")));
    }
}
