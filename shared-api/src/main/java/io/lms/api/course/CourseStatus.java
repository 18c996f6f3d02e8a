package io.lms.api.course;

/** Where a course is in its life: draft → published → archived, or draft → archived. Nothing moves back. */
public enum CourseStatus {
    DRAFT,
    PUBLISHED,
    ARCHIVED
}
