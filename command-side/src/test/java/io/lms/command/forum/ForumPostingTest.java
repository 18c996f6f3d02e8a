package io.lms.command.forum;

import static io.lms.command.forum.ForumFixture.ADMIN;
import static io.lms.command.forum.ForumFixture.COURSE;
import static io.lms.command.forum.ForumFixture.CREATED;
import static io.lms.command.forum.ForumFixture.FORUM;
import static io.lms.command.forum.ForumFixture.OTHER_POST;
import static io.lms.command.forum.ForumFixture.OTHER_STUDENT;
import static io.lms.command.forum.ForumFixture.OUTSIDER;
import static io.lms.command.forum.ForumFixture.POST;
import static io.lms.command.forum.ForumFixture.REPLY;
import static io.lms.command.forum.ForumFixture.STUDENT;
import static io.lms.command.forum.ForumFixture.TEACHER;
import static io.lms.command.forum.ForumFixture.code;
import static io.lms.command.forum.ForumFixture.posted;

import io.lms.api.error.ErrorCode;
import io.lms.api.forum.AddPostCommand;
import io.lms.api.forum.DeletePostCommand;
import io.lms.api.forum.EditPostCommand;
import io.lms.api.forum.ForumPostAddedEvent;
import io.lms.api.forum.ForumPostDeletedEvent;
import io.lms.api.forum.ForumPostEditedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Posting, replying, editing and deleting: rules 21 to 23. */
class ForumPostingTest {

    private static final String UNKNOWN_POST = "6b06eb3caa76f936f62db8ff";

    private FixtureConfiguration<Forum> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Forum.class);
        fixture.registerInjectableResource(
                new ForumFixture.Membership().enrolled(STUDENT).enrolled(OTHER_STUDENT));
    }

    @Test
    void an_actively_enrolled_student_posts() {
        fixture.given(CREATED)
                .when(new AddPostCommand(FORUM, POST, STUDENT, " Hello? ", null, null))
                .expectEvents(posted(POST, STUDENT, "Hello?"));
    }

    @Test
    void the_instructor_and_an_admin_post_without_an_enrollment() {
        fixture.given(CREATED)
                .when(new AddPostCommand(FORUM, POST, TEACHER, "Welcome", null, null))
                .expectEvents(posted(POST, TEACHER, "Welcome"));
        fixture.given(CREATED)
                .when(new AddPostCommand(FORUM, POST, ADMIN, "Rules", null, null))
                .expectEvents(posted(POST, ADMIN, "Rules"));
    }

    @Test
    void posting_without_an_active_enrollment_is_refused() {
        fixture.given(CREATED)
                .when(new AddPostCommand(FORUM, POST, OUTSIDER, "Let me in", null, null))
                .expectException(code(ErrorCode.NOT_A_FORUM_MEMBER))
                .expectNoEvents();
    }

    @Test
    void a_reply_names_its_parent_and_the_parents_author() {
        fixture.given(CREATED, posted(POST, STUDENT, "Hello?"))
                .when(new AddPostCommand(FORUM, REPLY, TEACHER, "Hi!", POST, null))
                .expectEvents(new ForumPostAddedEvent(
                        FORUM, REPLY, COURSE, TEACHER.userId(), "Hi!", POST, STUDENT.userId(), "Questions"));
    }

    @Test
    void a_reply_to_a_deleted_post_is_still_a_reply_in_its_thread() {
        fixture.given(
                        CREATED,
                        posted(POST, STUDENT, "Hello?"),
                        new ForumPostDeletedEvent(FORUM, POST, COURSE, STUDENT.userId(), STUDENT.userId()))
                .when(new AddPostCommand(FORUM, REPLY, OTHER_STUDENT, "Gone?", POST, null))
                .expectEvents(new ForumPostAddedEvent(
                        FORUM, REPLY, COURSE, OTHER_STUDENT.userId(), "Gone?", POST, STUDENT.userId(), "Questions"));
    }

    @Test
    void a_parent_that_is_not_a_post_of_this_forum_is_refused() {
        fixture.given(CREATED, posted(POST, STUDENT, "Hello?"))
                .when(new AddPostCommand(FORUM, REPLY, STUDENT, "Answer", UNKNOWN_POST, null))
                .expectException(code(ErrorCode.INVALID_PARENT_POST))
                .expectNoEvents();
    }

    @Test
    void empty_blank_and_overlong_content_is_refused() {
        for (String content :
                new String[] {null, "", "   ", "x".repeat(ForumRules.MAX_CONTENT + 1), "x".repeat(100_000)}) {
            fixture.given(CREATED)
                    .when(new AddPostCommand(FORUM, POST, STUDENT, content, null, null))
                    .expectException(code(ErrorCode.VALIDATION_FAILED))
                    .expectNoEvents();
        }
    }

    @Test
    void a_post_id_that_is_taken_or_not_an_object_id_is_refused() {
        fixture.given(CREATED, posted(POST, STUDENT, "Hello?"))
                .when(new AddPostCommand(FORUM, POST, STUDENT, "Again", null, null))
                .expectException(code(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
        fixture.given(CREATED)
                .when(new AddPostCommand(FORUM, "not-an-id", STUDENT, "Hello", null, null))
                .expectException(code(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void the_author_edits_their_post() {
        fixture.given(CREATED, posted(POST, STUDENT, "Hello?"))
                .when(new EditPostCommand(FORUM, POST, STUDENT, "Hello, everyone?", null))
                .expectEvents(new ForumPostEditedEvent(FORUM, POST, COURSE, STUDENT.userId(), "Hello, everyone?"));
    }

    @Test
    void editing_someone_elses_post_is_refused_even_for_the_instructor_and_admins() {
        for (var other : new io.lms.api.common.Actor[] {OTHER_STUDENT, TEACHER, ADMIN}) {
            fixture.given(CREATED, posted(POST, STUDENT, "Hello?"))
                    .when(new EditPostCommand(FORUM, POST, other, "Changed", null))
                    .expectException(code(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }
    }

    @Test
    void editing_a_deleted_post_is_refused() {
        fixture.given(
                        CREATED,
                        posted(POST, STUDENT, "Hello?"),
                        new ForumPostDeletedEvent(FORUM, POST, COURSE, STUDENT.userId(), TEACHER.userId()))
                .when(new EditPostCommand(FORUM, POST, STUDENT, "Back", null))
                .expectException(code(ErrorCode.POST_DELETED))
                .expectNoEvents();
    }

    @Test
    void editing_or_deleting_a_post_that_is_not_in_the_forum_is_not_found() {
        fixture.given(CREATED)
                .when(new EditPostCommand(FORUM, UNKNOWN_POST, STUDENT, "Hello", null))
                .expectException(code(ErrorCode.NOT_FOUND))
                .expectNoEvents();
        fixture.given(CREATED)
                .when(new DeletePostCommand(FORUM, UNKNOWN_POST, ADMIN, null))
                .expectException(code(ErrorCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void an_edit_with_empty_content_is_refused() {
        fixture.given(CREATED, posted(POST, STUDENT, "Hello?"))
                .when(new EditPostCommand(FORUM, POST, STUDENT, " ", null))
                .expectException(code(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    @Test
    void the_author_the_instructor_and_an_admin_delete_a_post() {
        for (var deleter : new io.lms.api.common.Actor[] {STUDENT, TEACHER, ADMIN}) {
            fixture.given(CREATED, posted(POST, STUDENT, "Hello?"))
                    .when(new DeletePostCommand(FORUM, POST, deleter, null))
                    .expectEvents(new ForumPostDeletedEvent(FORUM, POST, COURSE, STUDENT.userId(), deleter.userId()));
        }
    }

    @Test
    void another_student_cannot_delete_a_post() {
        fixture.given(CREATED, posted(POST, STUDENT, "Hello?"), posted(OTHER_POST, OTHER_STUDENT, "Me too"))
                .when(new DeletePostCommand(FORUM, POST, OTHER_STUDENT, null))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void deleting_a_deleted_post_again_records_nothing() {
        fixture.given(
                        CREATED,
                        posted(POST, STUDENT, "Hello?"),
                        new ForumPostDeletedEvent(FORUM, POST, COURSE, STUDENT.userId(), STUDENT.userId()))
                .when(new DeletePostCommand(FORUM, POST, TEACHER, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
