package io.lms.command.forum;

import static io.lms.command.forum.ForumFixture.ADMIN;
import static io.lms.command.forum.ForumFixture.COURSE;
import static io.lms.command.forum.ForumFixture.CREATED;
import static io.lms.command.forum.ForumFixture.FORUM;
import static io.lms.command.forum.ForumFixture.OTHER_COURSE;
import static io.lms.command.forum.ForumFixture.OTHER_TEACHER;
import static io.lms.command.forum.ForumFixture.STUDENT;
import static io.lms.command.forum.ForumFixture.TEACHER;
import static io.lms.command.forum.ForumFixture.code;

import io.lms.api.error.ErrorCode;
import io.lms.api.forum.CreateForumCommand;
import io.lms.api.forum.EditForumCommand;
import io.lms.api.forum.ForumCreatedEvent;
import io.lms.api.forum.ForumEditedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opening and editing forums: rule 20, only the course's instructor or an admin. */
class ForumModerationTest {

    private FixtureConfiguration<Forum> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Forum.class);
        fixture.registerInjectableResource(new ForumFixture.Membership());
    }

    @Test
    void the_courses_instructor_opens_a_forum_with_a_trimmed_title() {
        fixture.givenNoPriorActivity()
                .when(new CreateForumCommand(FORUM, COURSE, TEACHER, "  Questions ", "Ask anything"))
                .expectEvents(CREATED);
    }

    @Test
    void an_admin_opens_a_forum_whose_moderator_is_the_courses_instructor() {
        fixture.givenNoPriorActivity()
                .when(new CreateForumCommand(FORUM, COURSE, ADMIN, "Questions", null))
                .expectEvents(new ForumCreatedEvent(FORUM, COURSE, TEACHER.userId(), ADMIN.userId(), "Questions", ""));
    }

    @Test
    void a_forum_on_someone_elses_course_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new CreateForumCommand(FORUM, COURSE, OTHER_TEACHER, "Questions", ""))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void a_student_cannot_open_a_forum() {
        fixture.givenNoPriorActivity()
                .when(new CreateForumCommand(FORUM, COURSE, STUDENT, "Questions", ""))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void a_forum_on_a_course_that_does_not_exist_is_not_found() {
        fixture.givenNoPriorActivity()
                .when(new CreateForumCommand(FORUM, OTHER_COURSE, ADMIN, "Questions", ""))
                .expectException(code(ErrorCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void a_blank_or_overlong_title_is_refused() {
        for (String title : new String[] {null, "  ", "t".repeat(ForumRules.MAX_TITLE + 1)}) {
            fixture.givenNoPriorActivity()
                    .when(new CreateForumCommand(FORUM, COURSE, TEACHER, title, ""))
                    .expectException(code(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }
    }

    @Test
    void the_instructor_edits_the_title_and_the_description() {
        fixture.given(CREATED)
                .when(new EditForumCommand(FORUM, TEACHER, "Help", "New text", null))
                .expectEvents(new ForumEditedEvent(FORUM, COURSE, "Help", "New text"));
    }

    @Test
    void an_admin_edits_a_forum() {
        fixture.given(CREATED)
                .when(new EditForumCommand(FORUM, ADMIN, null, "By the admin", null))
                .expectEvents(new ForumEditedEvent(FORUM, COURSE, null, "By the admin"));
    }

    @Test
    void an_edit_that_changes_nothing_records_nothing() {
        fixture.given(CREATED)
                .when(new EditForumCommand(FORUM, TEACHER, "Questions", null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void another_instructor_cannot_edit_the_forum() {
        fixture.given(CREATED)
                .when(new EditForumCommand(FORUM, OTHER_TEACHER, "Mine now", null, null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }
}
