package io.lms.api.course;

import org.axonframework.serialization.Revision;

/**
 * Some details of a course changed: {@code changes} holds the new value of each changed field and {@code null}
 * for the others. {@code title} is the course's title after the change and {@code previousSlug} is set when
 * the slug changed, so that a notification can name the course without a lookup.
 */
@Revision("1")
public record CourseEditedEvent(
        String courseId, String instructorId, String title, CourseDetails changes, String previousSlug) {}
