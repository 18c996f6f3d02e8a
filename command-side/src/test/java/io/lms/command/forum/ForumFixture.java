package io.lms.command.forum;

import io.lms.api.common.Actor;
import io.lms.api.common.Role;
import io.lms.api.error.ErrorCode;
import io.lms.api.forum.ForumCreatedEvent;
import io.lms.api.forum.ForumPostAddedEvent;
import io.lms.platform.error.DomainException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;

/** The people, course and forum the forum tests share, and a membership that the tests set up. */
final class ForumFixture {

    static final String COURSE = "6b06eb3caa76f936f62db700";
    static final String OTHER_COURSE = "6b06eb3caa76f936f62db701";
    static final String FORUM = "6b06eb3caa76f936f62db800";
    static final String POST = "6b06eb3caa76f936f62db810";
    static final String REPLY = "6b06eb3caa76f936f62db811";
    static final String OTHER_POST = "6b06eb3caa76f936f62db812";
    static final Actor TEACHER = new Actor("6b06eb3caa76f936f62db6f1", Role.INSTRUCTOR);
    static final Actor OTHER_TEACHER = new Actor("6b06eb3caa76f936f62db6f2", Role.INSTRUCTOR);
    static final Actor STUDENT = new Actor("6b06eb3caa76f936f62db6f3", Role.STUDENT);
    static final Actor OTHER_STUDENT = new Actor("6b06eb3caa76f936f62db6f5", Role.STUDENT);
    static final Actor OUTSIDER = new Actor("6b06eb3caa76f936f62db6f6", Role.STUDENT);
    static final Actor ADMIN = new Actor("6b06eb3caa76f936f62db6f4", Role.ADMIN);

    static final ForumCreatedEvent CREATED =
            new ForumCreatedEvent(FORUM, COURSE, TEACHER.userId(), TEACHER.userId(), "Questions", "Ask anything");

    private ForumFixture() {}

    static ForumPostAddedEvent posted(String postId, Actor author, String content) {
        return new ForumPostAddedEvent(FORUM, postId, COURSE, author.userId(), content, null, null, "Questions");
    }

    static Matcher<Throwable> code(ErrorCode code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code() == code);
    }

    /** Courses with their instructors and the active enrollments, as the tests declare them. */
    static final class Membership implements ForumMembership {

        final Map<String, String> instructors = new HashMap<>(Map.of(COURSE, TEACHER.userId()));
        final Set<String> activeEnrollments = new HashSet<>();

        Membership enrolled(Actor student) {
            activeEnrollments.add(student.userId() + ":" + COURSE);
            return this;
        }

        @Override
        public Optional<String> courseInstructor(String courseId) {
            return Optional.ofNullable(instructors.get(courseId));
        }

        @Override
        public boolean isActivelyEnrolled(String userId, String courseId) {
            return activeEnrollments.contains(userId + ":" + courseId);
        }
    }
}
