package io.lms.api.course;

import org.axonframework.serialization.Revision;

/**
 * A content item was added to a course, with every authored field. {@code courseTitle} and {@code courseStatus}
 * are there for notifications: enrolled students of a published course hear of new content.
 */
@Revision("1")
public record ContentAddedEvent(
        String courseId,
        String contentId,
        String instructorId,
        String courseTitle,
        CourseStatus courseStatus,
        ContentType type,
        ContentFields fields) {}
