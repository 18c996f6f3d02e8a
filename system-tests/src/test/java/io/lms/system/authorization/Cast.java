package io.lms.system.authorization;

import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The callers of the matrix, signed in once per suite, and the targets its cells act on, made fresh for each cell:
 * users, and courses with one video, as drafts or published, owned by one instructor who is not {@link #instructor}.
 */
final class Cast {

    private final Http http;
    final SignedIn student;
    final SignedIn instructor;
    final SignedIn courseOwner;
    final SignedIn auditor;
    final SignedIn admin;

    Cast(Http http) {
        this.http = http;
        this.student = http.newUser("student");
        this.instructor = http.newUser("instructor");
        this.courseOwner = http.newUser("instructor");
        this.admin = http.admin();
        this.auditor = auditor();
    }

    Http http() {
        return http;
    }

    private SignedIn auditor() {
        SignedIn user = http.newUser("student");
        Response granted = http.command("PUT", "/api/users/" + user.id() + "/role")
                .token(admin.token())
                .json(Map.of("role", "auditor"))
                .send();
        require(granted, 200);
        return new SignedIn(user.id(), user.username(), http.signIn(user.username(), password(user)));
    }

    /** A new student; the owner of the target is the user themself, who knows their password. */
    Target user() {
        SignedIn user = http.newUser("student");
        return new Target(
                Map.of("id", user.id()), user, null, Map.of("username", user.username(), "password", password(user)));
    }

    /** A new student signed in once more, whose refresh token is a fact of the target. */
    Target userWithSession() {
        Target user = user();
        Response pair = http.command("POST", "/api/auth/token")
                .json(Map.of("login", user.fact("username"), "password", user.fact("password")))
                .send();
        require(pair, 200);
        return new Target(
                user.variables(),
                user.owner(),
                null,
                Map.of("refresh_token", pair.json().get("refresh_token").asText()));
    }

    /** A new draft course of {@link #courseOwner} with one video, as the query side has it. */
    Target draftCourse() {
        String title = "Matrix " + UUID.randomUUID().toString().substring(0, 8);
        Response created = http.command("POST", "/api/courses")
                .token(courseOwner.token())
                .json(Bodies.course(title))
                .send();
        require(created, 201);
        String courseId = created.json().get("id").asText();
        Response video = http.command("POST", "/api/courses/" + courseId + "/content")
                .token(courseOwner.token())
                .json(Bodies.video())
                .send();
        require(video, 201);
        String contentId = video.json().get("id").asText();
        return courseTarget(
                courseId, contentId, title, video.json().get("version").asLong());
    }

    /** Like {@link #draftCourse()}, published. */
    Target publishedCourse() {
        Target draft = draftCourse();
        Response published = http.command(
                        "POST", "/api/courses/" + draft.variables().get("id") + "/publish")
                .token(courseOwner.token())
                .send();
        require(published, 200);
        return courseTarget(
                draft.variables().get("id"),
                draft.variables().get("contentId"),
                draft.fact("title"),
                published.json().get("version").asLong());
    }

    private Target courseTarget(String courseId, String contentId, String title, long version) {
        Response read = http.query("/api/courses/" + courseId + "?min_version=" + version)
                .token(courseOwner.token())
                .send();
        require(read, 200);
        return new Target(
                Map.of(
                        "id",
                        courseId,
                        "contentId",
                        contentId,
                        "slug",
                        read.json().get("slug").asText()),
                courseOwner,
                null,
                Map.of("title", title));
    }

    /** A new student's history in the audit trail: {@code /api/audit/user/{id}/events}. */
    Target auditedUser() {
        Target user = user();
        return new Target(
                Map.of("aggregate_type", "user", "id", user.variables().get("id")), user.owner(), null, user.facts());
    }

    /**
     * A new published course with a new student enrolled through the command side, once the query side has the
     * enrollment: {@code id} is the course, {@code enrollmentId} the enrollment; the owner is the course's.
     */
    Target enrolledCourse() {
        Target course = publishedCourse();
        SignedIn student = http.newUser("student");
        Response enrolled = http.command(
                        "POST", "/api/courses/" + course.variables().get("id") + "/enrollments")
                .token(student.token())
                .send();
        require(enrolled, 201);
        String enrollmentId = enrolled.json().get("id").asText();
        Response read = http.query("/api/enrollments/" + enrollmentId + "?min_version="
                        + enrolled.json().get("version").asLong())
                .token(student.token())
                .send();
        require(read, 200);
        Map<String, String> variables = new java.util.HashMap<>(course.variables());
        variables.put("enrollmentId", enrollmentId);
        return new Target(Map.copyOf(variables), course.owner(), student, course.facts());
    }

    /** The enrollment of {@link #enrolledCourse()} as {@code id}; owner is the course's, enrolled its student. */
    Target enrollment() {
        Target course = enrolledCourse();
        return new Target(
                Map.of(
                        "id",
                        course.variables().get("enrollmentId"),
                        "contentId",
                        course.variables().get("contentId")),
                course.owner(),
                course.enrolled(),
                course.facts());
    }

    /**
     * A notification of {@link #courseOwner} (new enrollments in their courses notify them) as {@code id}, its user
     * as the owner: the newest one once the query side has one after a new enrollment.
     */
    Target notificationOfOwner() {
        enrolledCourse();
        for (int attempt = 0; attempt < 50; attempt++) {
            Response list = http.query("/api/users/" + courseOwner.id() + "/notifications?size=1")
                    .token(courseOwner.token())
                    .send();
            require(list, 200);
            var items = list.json().get("items");
            if (items != null && items.size() > 0) {
                return new Target(Map.of("id", items.get(0).get("id").asText()), courseOwner, null, Map.of());
            }
            sleep();
        }
        throw new IllegalStateException("no notification of the course owner appeared");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@link #enrolledCourse()} with its student's review: {@code reviewId}. */
    Target reviewedCourse() {
        Target course = enrolledCourse();
        Response written = http.command(
                        "POST", "/api/courses/" + course.variables().get("id") + "/reviews")
                .token(course.enrolled().token())
                .json(Map.of("rating", 4, "review_text", "Useful"))
                .send();
        require(written, 201);
        Map<String, String> variables = new java.util.HashMap<>(course.variables());
        variables.put("reviewId", written.json().get("id").asText());
        return new Target(Map.copyOf(variables), course.owner(), course.enrolled(), course.facts());
    }

    /**
     * A forum of {@link #enrolledCourse()} made by the course's owner, with a post of its enrolled student:
     * {@code id} is the forum, {@code postId} the post, once the query side has the forum at the post's version (the post's own read
     * checks the forum without waiting for it).
     */
    Target forumWithPost() {
        Target course = enrolledCourse();
        Response forum = http.command(
                        "POST", "/api/courses/" + course.variables().get("id") + "/forums")
                .token(courseOwner.token())
                .json(Map.of("title", "Questions", "description", "Ask here"))
                .send();
        require(forum, 201);
        String forumId = forum.json().get("id").asText();
        Response post = http.command("POST", "/api/forums/" + forumId + "/posts")
                .token(course.enrolled().token())
                .json(Map.of("content", "A question"))
                .send();
        require(post, 201);
        String postId = post.json().get("id").asText();
        Response read = http.query("/api/forums/" + forumId + "/posts?min_version="
                        + post.json().get("version").asLong())
                .token(courseOwner.token())
                .send();
        require(read, 200);
        return new Target(
                Map.of(
                        "id",
                        forumId,
                        "postId",
                        postId,
                        "courseId",
                        course.variables().get("id")),
                course.owner(),
                course.enrolled(),
                course.facts());
    }

    /** The users projection, as {@code /api/admin/projections/{name}} names it. */
    static Target projection() {
        return new Target(Map.of("name", "users"), null, null, Map.of());
    }

    /**
     * The target named in a row: none, user, session, draft, published, draft-item, published-item, audited-user,
     * projection.
     */
    Target target(String name) {
        return switch (name) {
            case "none" -> Target.none();
            case "user" -> user();
            case "session" -> userWithSession();
            case "draft" -> draftCourse();
            case "published" -> publishedCourse();
            case "draft-item" -> draftCourse().contentItem();
            case "published-item" -> publishedCourse().contentItem();
            case "audited-user" -> auditedUser();
            case "projection" -> projection();
            case "enrolled" -> enrolledCourse();
            case "enrollment" -> enrollment();
            case "review" -> reviewedCourse();
            case "notification" -> notificationOfOwner();
            case "forum" -> forumWithPost();
            default -> throw new IllegalArgumentException("no target named " + name);
        };
    }

    /** The token {@code who} sends at {@code target}, or none for an anonymous caller. */
    String tokenOf(Who who, Target target) {
        return switch (who) {
            case ANONYMOUS -> null;
            case STUDENT -> student.token();
            case ENROLLED -> required(target.enrolled(), "an enrolled student");
            case INSTRUCTOR -> instructor.token();
            case OWNER -> required(target.owner(), "an owner");
            case AUDITOR -> auditor.token();
            case ADMIN -> admin.token();
        };
    }

    private static String required(SignedIn caller, String what) {
        if (caller == null) {
            throw new IllegalStateException("the row expects a status for " + what + ", and its target has none");
        }
        return caller.token();
    }

    private static String password(SignedIn user) {
        return "password-of-" + user.username();
    }

    private static void require(Response response, int status) {
        if (response.status() != status) {
            throw new IllegalStateException("setting up a target failed: " + response);
        }
    }

    /** Bodies that every check of a request's shape accepts, so that only who sends them decides the answer. */
    static final class Bodies {

        private Bodies() {}

        static Map<String, Object> course(String title) {
            return Map.of(
                    "title",
                    title,
                    "description",
                    "What the matrix needs",
                    "category",
                    "programming",
                    "tags",
                    List.of("matrix"),
                    "level",
                    "beginner",
                    "requirements",
                    List.of(),
                    "outcomes",
                    List.of(),
                    "price",
                    Map.of("amount", 10, "currency", "EUR"));
        }

        static Map<String, Object> video() {
            return Map.of(
                    "type", "video",
                    "title", "A video",
                    "description", "One video",
                    "order", 0,
                    "metadata", Map.of("duration", 60, "file_url", "https://cdn.example.com/v.mp4"));
        }

        static Map<String, Object> newUser() {
            String name = "m-" + UUID.randomUUID().toString().substring(0, 8);
            return Map.of("username", name, "email", name + "@example.com", "password", "password-of-" + name);
        }
    }
}
