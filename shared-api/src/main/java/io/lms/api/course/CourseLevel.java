package io.lms.api.course;

/** How much a course expects of its students; written in lower case on the wire and in the read model. */
public enum CourseLevel {
    BEGINNER,
    INTERMEDIATE,
    ADVANCED
}
