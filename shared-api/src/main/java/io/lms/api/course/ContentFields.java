package io.lms.api.course;

import java.util.List;

/**
 * The authored fields of a content item. In a creation every field is the item's value; in an edit a
 * {@code null} field is left as it is, and a given one replaces the stored value whole (a new {@code metadata}
 * replaces the old one, it is not merged).
 */
public record ContentFields(
        String title,
        String description,
        Integer order,
        ContentMetadata metadata,
        String transcript,
        List<Caption> captions,
        QuizData quizData,
        AssignmentData assignmentData) {

    public boolean isEmpty() {
        return title == null
                && description == null
                && order == null
                && metadata == null
                && transcript == null
                && captions == null
                && quizData == null
                && assignmentData == null;
    }
}
