package io.lms.api.enrollment;

import io.lms.api.course.ContentType;
import org.axonframework.serialization.Revision;

/**
 * The student started or completed a content item. {@code contentProgress} is how far into a video (0–100, or
 * {@code null}); {@code courseProgress} is the enrollment's progress after this event, in percent: completed
 * items that are still content of the course ÷ the course's items now, as the aggregate computed it.
 */
@Revision("1")
public record ContentProgressRecordedEvent(
        String enrollmentId,
        String studentId,
        String courseId,
        String contentId,
        ContentType contentType,
        ProgressStatus status,
        Integer contentProgress,
        int completedItems,
        int totalItems,
        double courseProgress) {}
