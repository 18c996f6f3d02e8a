package io.lms.command.forum;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The forum's {@link ForumMembership}: asks the one it wraps, and remembers each enrollment answer for the rest of
 * the command's unit of work. So {@link MembershipBeforeLock} can ask before the forum is locked, and the forum's
 * own check, inside the lock, gets the same answer without a second read. Outside a unit of work it only passes
 * the question on.
 */
class RememberedMembership implements ForumMembership {

    private static final String ANSWERS = RememberedMembership.class.getName() + ".answers";

    private final ForumMembership source;

    RememberedMembership(ForumMembership source) {
        this.source = source;
    }

    @Override
    public Optional<String> courseInstructor(String courseId) {
        return source.courseInstructor(courseId);
    }

    @Override
    public boolean isActivelyEnrolled(String userId, String courseId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return source.isActivelyEnrolled(userId, courseId);
        }
        Map<String, Boolean> answers =
                CurrentUnitOfWork.get().root().getOrComputeResource(ANSWERS, k -> new HashMap<>());
        return answers.computeIfAbsent(userId + '/' + courseId, k -> source.isActivelyEnrolled(userId, courseId));
    }
}
