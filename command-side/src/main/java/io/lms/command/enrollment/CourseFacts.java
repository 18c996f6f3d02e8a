package io.lms.command.enrollment;

import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentDeletedEvent;
import io.lms.api.course.ContentEditedEvent;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseArchivedEvent;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseEditedEvent;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.QuizData;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an enrollment needs to know of its course, folded from the Course aggregate's own events (never from a
 * read model): its status, instructor and title, and each content item's type with, for quizzes, the answer key.
 * Immutable: {@link #with(Object)} answers the facts after one more event.
 */
public record CourseFacts(
        String courseId, String instructorId, String title, CourseStatus status, Map<String, ContentFact> content) {

    /** One content item: its type and, for a quiz, each question's option count and correct answer. */
    public record ContentFact(ContentType type, List<QuizKey> quiz) {

        static ContentFact of(ContentType type, QuizData quizData) {
            return new ContentFact(type, quizKey(quizData));
        }

        private static List<QuizKey> quizKey(QuizData quizData) {
            if (quizData == null || quizData.questions() == null) {
                return List.of();
            }
            return quizData.questions().stream()
                    .map(q -> new QuizKey(q.options().size(), q.correctAnswer()))
                    .toList();
        }
    }

    /** One quiz question as scoring needs it; it stays on the server. */
    public record QuizKey(int optionCount, int correctAnswer) {}

    /** The facts before the course's first event: nothing is known, the course does not exist. */
    public static final CourseFacts NONE = new CourseFacts(null, null, null, null, Map.of());

    public boolean exists() {
        return courseId != null;
    }

    public int itemCount() {
        return content.size();
    }

    public ContentFact item(String contentId) {
        return contentId == null ? null : content.get(contentId);
    }

    /** The facts after {@code event}; events the facts do not depend on leave them as they are. */
    public CourseFacts with(Object event) {
        if (event instanceof CourseCreatedEvent e) {
            return new CourseFacts(e.courseId(), e.instructorId(), e.details().title(), CourseStatus.DRAFT, Map.of());
        }
        if (event instanceof CourseEditedEvent e) {
            return new CourseFacts(courseId, instructorId, e.title(), status, content);
        }
        if (event instanceof CoursePublishedEvent) {
            return withStatus(CourseStatus.PUBLISHED);
        }
        if (event instanceof CourseArchivedEvent) {
            return withStatus(CourseStatus.ARCHIVED);
        }
        if (event instanceof ContentAddedEvent e) {
            return withContent(
                    e.contentId(), ContentFact.of(e.type(), e.fields().quizData()));
        }
        if (event instanceof ContentEditedEvent e
                && e.changes() != null
                && e.changes().quizData() != null
                && content.containsKey(e.contentId())) {
            return withContent(
                    e.contentId(), ContentFact.of(e.type(), e.changes().quizData()));
        }
        if (event instanceof ContentDeletedEvent e) {
            return withoutContent(e.contentId());
        }
        return this;
    }

    private CourseFacts withStatus(CourseStatus newStatus) {
        return new CourseFacts(courseId, instructorId, title, newStatus, content);
    }

    private CourseFacts withContent(String contentId, ContentFact fact) {
        Map<String, ContentFact> copy = new LinkedHashMap<>(content);
        copy.put(contentId, fact);
        return new CourseFacts(courseId, instructorId, title, status, Collections.unmodifiableMap(copy));
    }

    private CourseFacts withoutContent(String contentId) {
        Map<String, ContentFact> copy = new LinkedHashMap<>(content);
        copy.remove(contentId);
        return new CourseFacts(courseId, instructorId, title, status, Collections.unmodifiableMap(copy));
    }
}
