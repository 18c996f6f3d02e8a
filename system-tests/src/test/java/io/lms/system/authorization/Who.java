package io.lms.system.authorization;

/** The callers of the matrix, in the order of its columns. */
enum Who {
    ANONYMOUS,
    STUDENT,
    /** A student enrolled in the target course. */
    ENROLLED,
    /** An instructor who does not own the target course. */
    INSTRUCTOR,
    /** The target's owner: a course's instructor, or the target user themself. */
    OWNER,
    AUDITOR,
    ADMIN
}
