package io.lms.system.forum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forums and notifications end to end, through HTTP on both services: an instructor opens a forum, students and
 * the instructor discuss in threads, replies, new content, enrollments and certificates notify their users, and
 * each user reads and clears their own notifications. Each backend runs this suite through a subclass.
 */
public abstract class ForumFlowContract {

    protected abstract MongoBackend backend();

    private Http http;
    private ForumWorld world;

    @BeforeEach
    void connect() {
        SystemUnderTest system = SystemUnderTest.on(backend());
        http = system.http;
        world = new ForumWorld(system);
    }

    private Response get(String path, SignedIn user) {
        return http.query(path).token(user.token()).send();
    }

    /** The user's notifications once {@code until} holds for them (projections run a moment after a command). */
    private Response notificationsOf(SignedIn user, String query, java.util.function.Predicate<Response> until) {
        List<Response> last = new ArrayList<>(List.of(get("/api/users/" + user.id() + "/notifications" + query, user)));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            last.set(0, get("/api/users/" + user.id() + "/notifications" + query, user));
            return last.get(0).status() == 200 && until.test(last.get(0));
        });
        return last.get(0);
    }

    private static List<String> types(Response notifications) {
        List<String> types = new ArrayList<>();
        notifications.json().get("items").forEach(n -> types.add(n.get("type").asText()));
        return types;
    }

    @Test
    void an_instructor_opens_a_forum_and_students_discuss_in_threads() {
        SignedIn alice = world.enrolledStudent();
        SignedIn bob = world.enrolledStudent();

        Response created = world.createForum(world.teacher.token(), world.courseId);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String forumId = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo(http.queryUrl + "/api/forums/" + forumId);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");

        String question = world.postOk(forumId, alice.token(), "How do loops work?", null);
        Response answer = world.post(forumId, world.teacher.token(), "Like this.", question);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        assertThat(answer.header("Location"))
                .isEqualTo(http.queryUrl + "/api/forums/" + forumId + "/posts/"
                        + answer.json().get("id").asText());
        String followUp = world.postOk(
                forumId, bob.token(), "Thanks!", answer.json().get("id").asText());
        long version = answer.json().get("version").asLong() + 1;

        Response forum = get("/api/forums/" + forumId + "?min_version=" + version, bob);
        assertThat(forum.status()).as(forum.toString()).isEqualTo(200);
        assertThat(forum.header("ETag")).isEqualTo("\"" + version + "\"");
        assertThat(forum.json().get("course_id").asText()).isEqualTo(world.courseId);
        assertThat(forum.json().get("created_by").asText()).isEqualTo(world.teacher.id());

        Response posts = get("/api/forums/" + forumId + "/posts?page=0&size=20", alice);
        assertThat(posts.status()).as(posts.toString()).isEqualTo(200);
        JsonNode items = posts.json().get("items");
        assertThat(items).hasSize(3);
        assertThat(posts.json().get("total").asLong()).isEqualTo(3);
        assertThat(items.get(0).get("id").asText()).isEqualTo(question);
        assertThat(items.get(0).get("parent_post_id").isNull()).isTrue();
        assertThat(items.get(1).get("parent_post_id").asText()).isEqualTo(question);
        assertThat(items.get(2).get("id").asText()).isEqualTo(followUp);

        Response forums = get("/api/courses/" + world.courseId + "/forums", world.teacher);
        assertThat(forums.json().get("items").get(0).get("title").asText()).isEqualTo("Questions");
    }

    @Test
    void authors_edit_their_posts_and_a_deleted_post_keeps_its_replies() {
        SignedIn alice = world.enrolledStudent();
        String forumId = world.forum();
        String question = world.postOk(forumId, alice.token(), "First try", null);
        String reply = world.postOk(forumId, world.teacher.token(), "An answer", question);

        Response edited = http.command("PATCH", "/api/forums/" + forumId + "/posts/" + question)
                .token(alice.token())
                .raw(
                        """
                        {"content": "Second try"}
                        """,
                        "application/json")
                .send();
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        Response deleted = http.command("DELETE", "/api/forums/" + forumId + "/posts/" + question)
                .token(world.teacher.token())
                .send();
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        long version = deleted.json().get("version").asLong();

        Response post = get("/api/forums/" + forumId + "/posts/" + question + "?min_version=" + version, alice);
        assertThat(post.status()).as(post.toString()).isEqualTo(200);
        assertThat(post.json().get("content").isNull()).isTrue();
        assertThat(post.json().get("deleted").asBoolean()).isTrue();
        Response kept = get("/api/forums/" + forumId + "/posts/" + reply, alice);
        assertThat(kept.json().get("content").asText()).isEqualTo("An answer");
        assertThat(kept.json().get("parent_post_id").asText()).isEqualTo(question);
    }

    @Test
    void the_instructor_edits_the_forum_and_an_outsider_cannot_read_it() {
        String forumId = world.forum();
        SignedIn outsider = http.newUser("student");

        Response edited = http.command("PATCH", "/api/forums/" + forumId)
                .token(world.teacher.token())
                .header("If-Match", "\"0\"")
                .raw("""
                        {"title": "Help desk"}
                        """, "application/json")
                .send();
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);

        Response read = get("/api/forums/" + forumId + "?min_version=1", world.teacher);
        assertThat(read.json().get("title").asText()).isEqualTo("Help desk");
        assertThat(get("/api/forums/" + forumId, outsider).status()).isEqualTo(403);
        assertThat(get("/api/forums/" + forumId + "/posts", outsider).status()).isEqualTo(403);
        assertThat(get("/api/courses/" + world.courseId + "/forums", outsider).status())
                .isEqualTo(403);
        assertThat(http.query("/api/forums/" + forumId).send().status()).isEqualTo(401);
    }

    @Test
    void replies_new_content_enrollments_and_certificates_notify_their_users_who_clear_them() {
        SignedIn alice = world.enrolledStudent();
        SignedIn bob = world.enrolledStudent();
        String forumId = world.forum();
        String question = world.postOk(forumId, alice.token(), "Anyone?", null);
        world.postOk(forumId, bob.token(), "Me!", question);
        world.addContent(world.courseId, "Loops");
        world.issueCertificate(alice, 1);

        Response alices = notificationsOf(alice, "", r -> r.json().get("total").asInt() == 3);
        assertThat(types(alices)).containsExactly("certificate_issued", "course_update", "forum_reply");
        assertThat(alices.header("X-Unread-Count")).isEqualTo("3");
        Response teachers =
                notificationsOf(world.teacher, "", r -> r.json().get("total").asInt() == 2);
        assertThat(types(teachers)).containsExactly("new_enrollment", "new_enrollment");

        String reply = alices.json().get("items").get(2).get("id").asText();
        assertThat(http.command("POST", "/api/notifications/" + reply + "/read")
                        .token(alice.token())
                        .send()
                        .status())
                .isEqualTo(200);
        Response unread = notificationsOf(
                alice, "?unread=true", r -> r.json().get("total").asInt() == 2);
        assertThat(types(unread)).containsExactly("certificate_issued", "course_update");
        assertThat(unread.header("X-Unread-Count")).isEqualTo("2");

        assertThat(http.command("POST", "/api/users/" + alice.id() + "/notifications/read-all")
                        .token(alice.token())
                        .send()
                        .status())
                .isEqualTo(200);
        Response cleared = notificationsOf(alice, "", r -> "0".equals(r.header("X-Unread-Count")));
        assertThat(cleared.json().get("total").asInt()).isEqualTo(3);
        assertThat(notificationsOf(bob, "", r -> r.json().get("total").asInt() == 1)
                        .header("X-Unread-Count"))
                .isEqualTo("1");
    }

    @Test
    void an_unenrolled_student_no_longer_posts_nor_hears_of_new_content() {
        SignedIn alice = world.enrolledStudent();
        String forumId = world.forum();
        world.postOk(forumId, alice.token(), "Hello", null);
        world.unenroll(alice);

        Response refused = world.post(forumId, alice.token(), "Still here?", null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:lms:problem:not-a-forum-member");

        SignedIn bob = world.enrolledStudent();
        world.addContent(world.courseId, "After Alice left");
        notificationsOf(bob, "", r -> r.json().get("total").asInt() == 1);
        assertThat(get("/api/users/" + alice.id() + "/notifications", alice)
                        .json()
                        .get("total")
                        .asInt())
                .isZero();
    }

    @Test
    void only_the_user_reads_their_notifications() {
        SignedIn alice = world.enrolledStudent();
        Response others = get("/api/users/" + alice.id() + "/notifications", world.teacher);
        assertThat(others.status()).isEqualTo(403);
        assertThat(others.contentType()).startsWith("application/problem+json");
    }
}
