package io.lms.system.forum;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.notification.NotificationKey;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bad input for forums and notifications: each is a 4xx problem detail and stores nothing. */
public abstract class ForumBadInputContract {

    protected abstract MongoBackend backend();

    private SystemUnderTest system;
    private Http http;
    private ForumWorld world;
    private SignedIn alice;
    private String forumId;
    private String question;

    @BeforeEach
    void connect() {
        system = SystemUnderTest.on(backend());
        http = system.http;
        world = new ForumWorld(system);
        alice = world.enrolledStudent();
        forumId = world.forum();
        question = world.postOk(forumId, alice.token(), "A question", null);
    }

    private void assertRefused(java.util.function.Supplier<Response> request, int status, String type) {
        Map<String, Long> before = system.commandSideState();
        Response response = request.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:lms:problem:" + type);
        assertThat(response.body()).doesNotContain("Exception");
        assertThat(system.commandSideState()).isEqualTo(before);
    }

    @Test
    void an_empty_or_a_hundred_thousand_character_post_is_refused() {
        assertRefused(() -> world.post(forumId, alice.token(), "", null), 400, "validation-failed");
        assertRefused(() -> world.post(forumId, alice.token(), "   ", null), 400, "validation-failed");
        assertRefused(() -> world.post(forumId, alice.token(), "x".repeat(100_000), null), 400, "validation-failed");
    }

    @Test
    void a_parent_from_another_forum_or_that_does_not_exist_is_refused() {
        String otherForum = world.forum();
        String elsewhere = world.postOk(otherForum, alice.token(), "Elsewhere", null);

        assertRefused(() -> world.post(forumId, alice.token(), "Reply", elsewhere), 400, "invalid-parent-post");
        assertRefused(
                () -> world.post(forumId, alice.token(), "Reply", "6b06eb3caa76f936f62db8ff"),
                400,
                "invalid-parent-post");
    }

    @Test
    void editing_someone_elses_post_is_refused() {
        assertRefused(
                () -> http.command("PATCH", "/api/forums/" + forumId + "/posts/" + question)
                        .token(world.teacher.token())
                        .raw(
                                """
                                {"content": "Not mine"}
                                """,
                                "application/json")
                        .send(),
                403,
                "forbidden");
    }

    @Test
    void deleting_as_another_student_is_refused() {
        SignedIn bob = world.enrolledStudent();
        assertRefused(
                () -> http.command("DELETE", "/api/forums/" + forumId + "/posts/" + question)
                        .token(bob.token())
                        .send(),
                403,
                "forbidden");
    }

    @Test
    void posting_when_not_enrolled_is_refused() {
        SignedIn outsider = http.newUser("student");
        assertRefused(() -> world.post(forumId, outsider.token(), "Let me in", null), 403, "not-a-forum-member");
    }

    @Test
    void a_forum_on_someone_elses_course_is_refused() {
        SignedIn otherTeacher = http.newUser("instructor");
        assertRefused(() -> world.createForum(otherTeacher.token(), world.courseId), 403, "forbidden");
        assertRefused(() -> world.createForum(alice.token(), world.courseId), 403, "forbidden");
    }

    @Test
    void a_forum_on_a_course_that_does_not_exist_is_not_found() {
        assertRefused(() -> world.createForum(world.teacher.token(), "6b06eb3caa76f936f62db7ff"), 404, "not-found");
    }

    @Test
    void marking_another_users_notification_is_refused() {
        String alicesNotification = new NotificationKey("forum_reply:" + question, alice.id()).notificationId();
        SignedIn bob = world.enrolledStudent();

        assertRefused(
                () -> http.command("POST", "/api/notifications/" + alicesNotification + "/read")
                        .token(bob.token())
                        .send(),
                403,
                "forbidden");
        assertRefused(
                () -> http.command("POST", "/api/users/" + alice.id() + "/notifications/read-all")
                        .token(bob.token())
                        .send(),
                403,
                "forbidden");
    }

    @Test
    void ids_that_are_not_object_ids_are_refused() {
        assertRefused(() -> world.post("not-an-id", alice.token(), "Hello", null), 400, "validation-failed");
        assertRefused(() -> world.post(forumId, alice.token(), "Hello", "not-an-id"), 400, "validation-failed");
        assertRefused(() -> world.createForum(world.teacher.token(), "xyz"), 400, "validation-failed");
        assertRefused(
                () -> http.command("POST", "/api/notifications/xyz/read")
                        .token(alice.token())
                        .send(),
                400,
                "validation-failed");
        for (String path : new String[] {
            "/api/forums/xyz", "/api/forums/xyz/posts", "/api/courses/xyz/forums", "/api/users/xyz/notifications"
        }) {
            Response read = http.query(path).token(alice.token()).send();
            assertThat(read.status()).as(read.toString()).isEqualTo(400);
            assertThat(read.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void a_post_to_a_forum_that_does_not_exist_is_not_found() {
        assertRefused(() -> world.post("6b06eb3caa76f936f62db8fe", alice.token(), "Hello", null), 404, "not-found");
    }
}
