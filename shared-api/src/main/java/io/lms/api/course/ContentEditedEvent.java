package io.lms.api.course;

import org.axonframework.serialization.Revision;

/**
 * A content item changed: {@code changes} holds the new value of each changed field and {@code null} for the
 * others. {@code contentTitle} is the item's title after the change; with {@code courseTitle} and
 * {@code courseStatus} it is what a notification to enrolled students needs.
 */
@Revision("1")
public record ContentEditedEvent(
        String courseId,
        String contentId,
        String instructorId,
        String courseTitle,
        CourseStatus courseStatus,
        ContentType type,
        String contentTitle,
        ContentFields changes) {}
