package io.lms.command.forum;

import java.util.Optional;

/**
 * What the forum needs to know of a course and its students, from the command side's own knowledge (never a read
 * model): who teaches a course, and whether a student's enrollment in it is active.
 */
public interface ForumMembership {

    /** The course's instructor, or empty when there is no such course. */
    Optional<String> courseInstructor(String courseId);

    boolean isActivelyEnrolled(String userId, String courseId);
}
