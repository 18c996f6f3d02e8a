package io.lms.api.course;

import java.util.List;

/**
 * The authored fields of a course (everything but its curriculum, content and status). In a creation every
 * field is the course's value; in an edit a {@code null} field is left as it is.
 */
public record CourseDetails(
        String title,
        String slug,
        String description,
        String category,
        List<String> tags,
        CourseLevel level,
        List<String> requirements,
        List<String> outcomes,
        Price price) {

    public boolean isEmpty() {
        return title == null
                && slug == null
                && description == null
                && category == null
                && tags == null
                && level == null
                && requirements == null
                && outcomes == null
                && price == null;
    }
}
