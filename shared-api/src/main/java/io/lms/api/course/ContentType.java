package io.lms.api.course;

/** The kinds of content item a course holds. */
public enum ContentType {
    VIDEO,
    QUIZ,
    ASSIGNMENT
}
