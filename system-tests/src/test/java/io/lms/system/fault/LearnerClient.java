package io.lms.system.fault;

import io.lms.system.Http;
import io.lms.system.Http.Response;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client of the steady load, as a user of the API would act: an instructor who sets up a published course with
 * a video and a forum, then one student after another who signs up, signs in, enrolls, completes the video (which
 * completes the enrollment and issues a certificate), posts in the forum (a notification for the instructor) and
 * reviews the course. Events in every processing group: users, courses (with enrollments, reviews, certificates),
 * forums and notifications.
 *
 * <p>A request that fails (a process is down, a timeout, any answer but 2xx) is not acknowledged and is not retried:
 * the client starts over with a new student, as a user would after an error. Every 2xx answer is recorded with what
 * it promises.
 */
final class LearnerClient implements Runnable {

    private static final String PREFIX = "io.lms.api.";

    private final Http http;
    private final Queue<Acknowledged> acknowledged;
    private final AtomicBoolean stop;
    private final AtomicLong failures;
    private Course course;

    private record Course(String id, String video, String forum, String teacherToken) {}

    private static final class NotAcknowledged extends RuntimeException {
        NotAcknowledged(String message) {
            super(message, null, false, false);
        }
    }

    LearnerClient(Http http, Queue<Acknowledged> acknowledged, AtomicBoolean stop, AtomicLong failures) {
        this.http = http;
        this.acknowledged = acknowledged;
        this.stop = stop;
        this.failures = failures;
    }

    @Override
    public void run() {
        while (!stop.get()) {
            try {
                if (course == null) {
                    course = setUpCourse();
                }
                oneStudent();
            } catch (RuntimeException refusedOrUnreachable) {
                failures.incrementAndGet();
                ServiceProcess.sleep(200);
            }
        }
    }

    private Course setUpCourse() {
        String teacher = signUp("instructor");
        String token = signIn(teacher);
        String courseId = send(
                "create course",
                null,
                http.command("POST", "/api/courses")
                        .token(token)
                        .json(Map.of(
                                "title", "Fault " + teacher,
                                "description", "Survives a crash",
                                "category", "programming",
                                "level", "beginner",
                                "price", Map.of("amount", 10, "currency", "EUR"))),
                "course.CourseCreatedEvent",
                "courses",
                true);
        String video = send(
                "add content",
                courseId,
                http.command("POST", "/api/courses/" + courseId + "/content")
                        .token(token)
                        .json(Map.of("type", "video", "title", "Welcome", "metadata", Map.of("duration", 60))),
                "course.ContentAddedEvent",
                "content",
                false);
        send(
                "publish course",
                courseId,
                http.command("POST", "/api/courses/" + courseId + "/publish").token(token),
                "course.CoursePublishedEvent",
                "courses",
                true);
        String forum = send(
                "create forum",
                null,
                http.command("POST", "/api/courses/" + courseId + "/forums")
                        .token(token)
                        .json(Map.of("title", "Questions", "description", "Ask here")),
                "forum.ForumCreatedEvent",
                "discussion_forums",
                true);
        return new Course(courseId, video, forum, token);
    }

    private void oneStudent() {
        String student = signUp("student");
        String token = signIn(student);
        String enrollment = send(
                "enroll",
                null,
                http.command("POST", "/api/courses/" + course.id() + "/enrollments")
                        .token(token),
                "enrollment.StudentEnrolledEvent",
                "enrollments",
                true);
        send(
                "record progress",
                enrollment,
                http.command("POST", "/api/enrollments/" + enrollment + "/progress")
                        .token(token)
                        .json(Map.of("content_id", course.video(), "status", "completed", "progress", 100)),
                "enrollment.ContentProgressRecordedEvent",
                "enrollments",
                true);
        send(
                "add post",
                course.forum(),
                http.command("POST", "/api/forums/" + course.forum() + "/posts")
                        .token(token)
                        .json(Map.of("content", "What comes next, " + student + "?")),
                "forum.ForumPostAddedEvent",
                "forum_posts",
                false);
        send(
                "write review",
                enrollment,
                http.command("POST", "/api/courses/" + course.id() + "/reviews")
                        .token(token)
                        .json(Map.of("rating", 1 + student.length() % 5, "review_text", "Clear")),
                "enrollment.ReviewWrittenEvent",
                "reviews",
                false);
    }

    private String signUp(String role) {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 12);
        send(
                "register " + role,
                null,
                http.command("POST", "/api/users")
                        .json(Map.of(
                                "username",
                                name,
                                "email",
                                name + "@example.com",
                                "password",
                                "password-of-" + name,
                                "role",
                                role)),
                "user.UserRegisteredEvent",
                "users",
                true);
        return name;
    }

    private String signIn(String name) {
        Response r = http.command("POST", "/api/auth/token")
                .json(Map.of("login", name, "password", "password-of-" + name))
                .send();
        if (r.status() != 200) {
            throw new NotAcknowledged("sign-in: " + r.status());
        }
        return r.json().get("access_token").asText();
    }

    /**
     * Sends a command; on 2xx records what it promises and answers the id it answered. {@code aggregateId} is the
     * aggregate the command went to when the path names it; null when the answered id is the aggregate's.
     */
    private String send(
            String command,
            String aggregateId,
            Http.Request request,
            String eventType,
            String collection,
            boolean versioned) {
        Response r = request.send();
        if (r.status() / 100 != 2) {
            throw new NotAcknowledged(command + ": " + r.status());
        }
        String id = r.json().get("id").asText();
        long version = r.json().get("version").asLong();
        String aggregate = aggregateId == null ? id : aggregateId;
        acknowledged.add(new Acknowledged(command, aggregate, version, PREFIX + eventType, collection, id, versioned));
        return id;
    }
}
