package io.lms.api.course;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A content item was deleted. When the curriculum named it, {@code curriculumChanged} is true and
 * {@code topics} is the curriculum without it (otherwise {@code null}), so that projections follow without
 * working it out themselves.
 */
@Revision("1")
public record ContentDeletedEvent(
        String courseId,
        String contentId,
        String instructorId,
        String courseTitle,
        CourseStatus courseStatus,
        ContentType type,
        String contentTitle,
        boolean curriculumChanged,
        List<Topic> topics) {}
