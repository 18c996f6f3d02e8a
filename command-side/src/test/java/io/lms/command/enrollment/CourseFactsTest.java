package io.lms.command.enrollment;

import static io.lms.command.enrollment.EnrollmentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.course.ContentEditedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseEditedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.QuizData;
import io.lms.api.course.QuizQuestion;
import io.lms.command.enrollment.CourseFacts.QuizKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Folding the Course aggregate's events into what an enrollment needs to know. */
class CourseFactsTest {

    @Test
    void a_course_without_events_does_not_exist() {
        assertThat(CourseFacts.NONE.exists()).isFalse();
    }

    @Test
    void folding_gives_status_instructor_title_and_each_items_type_with_the_quiz_answer_key() {
        CourseFacts facts = published();

        assertThat(facts.exists()).isTrue();
        assertThat(facts.status()).isEqualTo(CourseStatus.PUBLISHED);
        assertThat(facts.instructorId()).isEqualTo(TEACHER.userId());
        assertThat(facts.title()).isEqualTo(TITLE);
        assertThat(facts.itemCount()).isEqualTo(3);
        assertThat(facts.item(VIDEO).type()).isEqualTo(ContentType.VIDEO);
        assertThat(facts.item(VIDEO).quiz()).isEmpty();
        assertThat(facts.item(QUIZ).quiz()).containsExactly(new QuizKey(3, 1), new QuizKey(2, 0));
    }

    @Test
    void an_edited_quiz_replaces_its_answer_key() {
        QuizData changed = new QuizData(List.of(new QuizQuestion("1 + 1?", List.of("1", "2"), 1)));
        CourseFacts facts = published()
                .with(new ContentEditedEvent(
                        COURSE,
                        QUIZ,
                        TEACHER.userId(),
                        TITLE,
                        CourseStatus.PUBLISHED,
                        ContentType.QUIZ,
                        "Check",
                        new ContentFields(null, null, null, null, null, null, changed, null)));

        assertThat(facts.item(QUIZ).quiz()).containsExactly(new QuizKey(2, 1));
    }

    @Test
    void an_edit_without_a_quiz_keeps_the_answer_key() {
        CourseFacts facts = published()
                .with(new ContentEditedEvent(
                        COURSE,
                        QUIZ,
                        TEACHER.userId(),
                        TITLE,
                        CourseStatus.PUBLISHED,
                        ContentType.QUIZ,
                        "Renamed",
                        new ContentFields("Renamed", null, null, null, null, null, null, null)));

        assertThat(facts.item(QUIZ).quiz()).containsExactly(new QuizKey(3, 1), new QuizKey(2, 0));
    }

    @Test
    void deleted_content_is_no_longer_an_item_of_the_course() {
        CourseFacts facts = published().with(deleted(VIDEO, ContentType.VIDEO));

        assertThat(facts.item(VIDEO)).isNull();
        assertThat(facts.itemCount()).isEqualTo(2);
    }

    @Test
    void a_renamed_course_carries_its_new_title_and_an_archived_one_its_status() {
        CourseFacts facts = published()
                .with(new CourseEditedEvent(
                        COURSE,
                        TEACHER.userId(),
                        "Python, gently",
                        new CourseDetails("Python, gently", null, null, null, null, null, null, null, null),
                        null))
                .with(new io.lms.api.course.CourseArchivedEvent(
                        COURSE, TEACHER.userId(), "Python, gently", CourseStatus.PUBLISHED));

        assertThat(facts.title()).isEqualTo("Python, gently");
        assertThat(facts.status()).isEqualTo(CourseStatus.ARCHIVED);
    }
}
