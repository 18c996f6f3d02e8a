package io.lms.system.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Courses, their content and the catalog end to end, through HTTP on both services. Each backend (embedded
 * server, container, MONGODB_URI) runs this same suite through a subclass.
 */
public abstract class CourseFlowContract {

    protected abstract MongoBackend backend();

    private SystemUnderTest system;
    private Http http;
    private SignedIn teacher;

    @BeforeEach
    void connect() {
        system = SystemUnderTest.on(backend());
        http = system.http;
        teacher = http.newUser("instructor");
    }

    /** A word no other course has, so that a search finds only this test's courses. */
    private static String uniqueWord() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static Map<String, Object> course(String title, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", description);
        body.put("category", "programming");
        body.put("tags", List.of("python", "beginners"));
        body.put("level", "beginner");
        body.put("requirements", List.of("A computer"));
        body.put("outcomes", List.of("Write scripts"));
        body.put("price", Map.of("amount", 19.99, "currency", "EUR"));
        return body;
    }

    private static Map<String, Object> video(String title) {
        return Map.of(
                "type",
                "video",
                "title",
                title,
                "description",
                "The first steps",
                "order",
                0,
                "metadata",
                Map.of(
                        "duration",
                        300,
                        "file_url",
                        "https://cdn.example.com/intro.mp4",
                        "thumbnail_url",
                        "https://cdn.example.com/intro.png",
                        "views",
                        "0"),
                "transcript",
                "Hello and welcome to the course",
                "captions",
                List.of(Map.of("language", "en", "file_url", "https://cdn.example.com/intro.en.vtt")));
    }

    private static Map<String, Object> quiz(int correctAnswer) {
        return Map.of(
                "type",
                "quiz",
                "title",
                "Check yourself",
                "order",
                1,
                "quiz_data",
                Map.of(
                        "questions",
                        List.of(Map.of(
                                "question",
                                "What does print do?",
                                "options",
                                List.of("Reads", "Writes output"),
                                "correct_answer",
                                correctAnswer))));
    }

    private static Map<String, Object> assignment() {
        return Map.of(
                "type",
                "assignment",
                "title",
                "Your first script",
                "order",
                2,
                "assignment_data",
                Map.of(
                        "instructions",
                        "Write a script that greets you",
                        "due_date",
                        "2030-01-31T12:00:00.000Z",
                        "submission_type",
                        "file"));
    }

    private Response create(String token, Map<String, Object> body) {
        return http.command("POST", "/api/courses").token(token).json(body).send();
    }

    private String createCourse(String title, String description) {
        Response r = create(teacher.token(), course(title, description));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private Response addContent(String courseId, Map<String, Object> body) {
        return http.command("POST", "/api/courses/" + courseId + "/content")
                .token(teacher.token())
                .json(body)
                .send();
    }

    private String addVideo(String courseId) {
        Response r = addContent(courseId, video("Welcome"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private Response post(String path, String token) {
        return http.command("POST", path).token(token).send();
    }

    /** The course as {@code token} reads it once the read model reflects {@code version}. */
    private Response readCourse(String courseId, long version, String token) {
        return http.query("/api/courses/" + courseId + "?min_version=" + version)
                .token(token)
                .send();
    }

    private static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (type != null) {
            assertThat(response.json().get("type").asText()).isEqualTo("urn:lms:problem:" + type);
        }
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void an_instructor_builds_a_course_with_every_kind_of_content_publishes_it_and_anyone_finds_it() {
        String word = uniqueWord();
        Response created = create(teacher.token(), course("Café Python " + word, "Learn Python from scratch"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(created.header("Location")).isEqualTo(http.queryUrl + "/api/courses/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");

        Response video = addContent(id, video("Welcome"));
        assertThat(video.status()).as(video.toString()).isEqualTo(201);
        String videoId = video.json().get("id").asText();
        assertThat(video.header("Location")).isEqualTo(http.queryUrl + "/api/content/" + videoId);
        assertThat(video.json().get("version").asLong()).isEqualTo(1);
        Response quiz = addContent(id, quiz(1));
        assertThat(quiz.status()).as(quiz.toString()).isEqualTo(201);
        String quizId = quiz.json().get("id").asText();
        Response assignment = addContent(id, assignment());
        assertThat(assignment.status()).as(assignment.toString()).isEqualTo(201);

        Response curriculum = http.command("PUT", "/api/courses/" + id + "/topics")
                .token(teacher.token())
                .header("If-Match", "\"3\"")
                .json(List.of(Map.of(
                        "topic_title",
                        "Basics",
                        "sections",
                        List.of(Map.of(
                                "topic",
                                "Getting started",
                                "subtopics",
                                List.of("Setup"),
                                "videos",
                                List.of(videoId, quizId))))))
                .send();
        assertThat(curriculum.status()).as(curriculum.toString()).isEqualTo(200);
        Response published = post("/api/courses/" + id + "/publish", teacher.token());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        long version = published.json().get("version").asLong();
        assertThat(version).isEqualTo(5);

        Response read = readCourse(id, version, null);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"5\"");
        JsonNode doc = read.json();
        assertThat(doc.get("id").asText()).isEqualTo(id);
        assertThat(doc.get("slug").asText()).isEqualTo("cafe-python-" + word);
        assertThat(doc.get("status").asText()).isEqualTo("published");
        assertThat(doc.get("level").asText()).isEqualTo("beginner");
        assertThat(doc.get("instructor_id").asText()).isEqualTo(teacher.id());
        assertThat(doc.get("rating").get("average").asDouble()).isZero();
        assertThat(doc.get("rating").get("count").asLong()).isZero();
        assertThat(doc.get("enrollment_count").asLong()).isZero();
        assertThat(doc.get("price").get("amount").decimalValue()).isEqualByComparingTo("19.99");
        assertThat(doc.get("price").get("currency").asText()).isEqualTo("EUR");
        assertThat(doc.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(doc.get("topics")
                        .get(0)
                        .get("sections")
                        .get(0)
                        .get("videos")
                        .get(1)
                        .asText())
                .isEqualTo(quizId);
        assertThat(doc.has("keywords")).isFalse();
        assertThat(doc.has("version")).isFalse();

        Response bySlug = http.query("/api/courses/slug/cafe-python-" + word).send();
        assertThat(bySlug.status()).isEqualTo(200);
        assertThat(bySlug.json().get("id").asText()).isEqualTo(id);

        Response found = catalogOnceItHas(
                "/api/courses?q=CAFE+" + word + "&level=beginner&tag=python&category=programming"
                        + "&sort=price.amount&min_rating=0",
                1);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().get("total").asLong()).isEqualTo(1);
        assertThat(found.json().get("items").get(0).get("id").asText()).isEqualTo(id);
        assertThat(http.query("/api/courses?q=" + word + "&level=advanced")
                        .send()
                        .json()
                        .get("total")
                        .asLong())
                .isZero();

        Response items = http.query("/api/courses/" + id + "/content")
                .token(teacher.token())
                .send();
        assertThat(items.status()).as(items.toString()).isEqualTo(200);
        assertThat(items.json().get("total").asLong()).isEqualTo(3);
        JsonNode first = items.json().get("items").get(0);
        assertThat(first.get("type").asText()).isEqualTo("video");
        assertThat(first.get("metadata").get("views").asText()).isEqualTo("0");
        assertThat(first.get("captions").get(0).get("language").asText()).isEqualTo("en");
        assertThat(items.json()
                        .get("items")
                        .get(1)
                        .get("quiz_data")
                        .get("questions")
                        .get(0)
                        .get("correct_answer")
                        .asInt())
                .isEqualTo(1);
        assertThat(items.json()
                        .get("items")
                        .get(2)
                        .get("assignment_data")
                        .get("due_date")
                        .asText())
                .isEqualTo("2030-01-31T12:00:00.000Z");
    }

    @Test
    void the_catalog_pages_with_links_and_sorts_as_asked() {
        String word = uniqueWord();
        List<String> ids = new ArrayList<>();
        for (String title : List.of("Banana " + word, "Apple " + word, "Cherry " + word)) {
            String id = createCourse(title, "About " + word);
            addVideo(id);
            Response published = post("/api/courses/" + id + "/publish", teacher.token());
            assertThat(published.status()).isEqualTo(200);
            assertThat(readCourse(id, 2, null).status()).isEqualTo(200);
            ids.add(id);
        }

        Response firstPage = catalogOnceItHas("/api/courses?q=" + word + "&sort=title&page=0&size=2", 3);
        assertThat(firstPage.status()).isEqualTo(200);
        assertThat(firstPage.json().get("total").asLong()).isEqualTo(3);
        assertThat(firstPage.json().get("size").asInt()).isEqualTo(2);
        assertThat(firstPage.json().get("items").get(0).get("title").asText()).startsWith("Apple");
        assertThat(firstPage.header("Link")).contains("rel=\"next\"").contains("page=1");
        Response secondPage = http.query("/api/courses?q=" + word + "&sort=title&page=1&size=2")
                .send();
        assertThat(secondPage.json().get("items").get(0).get("title").asText()).startsWith("Cherry");
        assertThat(secondPage.header("Link")).contains("rel=\"prev\"");

        Response newest = http.query("/api/courses?q=" + word).send();
        assertThat(newest.json().get("items").get(0).get("id").asText()).isEqualTo(ids.get(2));
        for (String sort : List.of("-created_at", "title", "-rating.average", "-enrollment_count", "price.amount")) {
            assertThat(http.query("/api/courses?q=" + word + "&sort=" + sort)
                            .send()
                            .json()
                            .get("total")
                            .asLong())
                    .as(sort)
                    .isEqualTo(3);
        }
        assertThat(http.query("/api/courses?instructor_id=" + teacher.id() + "&q=" + word)
                        .send()
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(3);
    }

    @Test
    void a_draft_is_seen_only_by_its_instructor_and_admins() {
        String word = uniqueWord();
        String id = createCourse("Secret draft " + word, "Not ready");
        Response own = readCourse(id, 0, teacher.token());
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.json().get("status").asText()).isEqualTo("draft");

        SignedIn other = http.newUser("instructor");
        SignedIn student = http.newUser("student");
        assertProblem(http.query("/api/courses/" + id).send(), 404, "not-found");
        assertProblem(http.query("/api/courses/" + id).token(other.token()).send(), 404, "not-found");
        assertProblem(
                http.query("/api/courses/slug/secret-draft-" + word)
                        .token(student.token())
                        .send(),
                404,
                "not-found");
        assertThat(http.query("/api/courses/" + id)
                        .token(http.admin().token())
                        .send()
                        .status())
                .isEqualTo(200);

        assertThat(http.query("/api/courses?status=draft&q=" + word)
                        .token(teacher.token())
                        .send()
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        assertThat(http.query("/api/courses?status=draft&q=" + word)
                        .token(other.token())
                        .send()
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(http.query("/api/courses?status=draft&q=" + word)
                        .send()
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(http.query("/api/courses?q=" + word)
                        .token(teacher.token())
                        .send()
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
        assertThat(http.query("/api/courses?q=" + word)
                        .token(http.admin().token())
                        .send()
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void an_archived_course_leaves_the_catalog_and_every_query_node_serves_it_from_memory() {
        String word = uniqueWord();
        String id = createCourse("Leaving " + word, "Soon gone");
        addVideo(id);
        assertThat(post("/api/courses/" + id + "/publish", teacher.token()).status())
                .isEqualTo(200);
        Response listed = catalogOnceItHas("/api/courses?q=" + word, 1);
        // the mirror's pre-rendered item is exactly what a single read of the course answers
        assertThat(listed.json().get("items").get(0))
                .isEqualTo(http.query("/api/courses/" + id).send().json());
        assertThat(listed.header("Content-Type")).startsWith("application/json");

        Response health =
                http.query("/actuator/health").token(http.admin().token()).send();
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().at("/components/catalogMirror/details/ready").asBoolean())
                .as(health.toString())
                .isTrue();

        assertThat(post("/api/courses/" + id + "/archive", teacher.token()).status())
                .isEqualTo(200);
        catalogOnceItHas("/api/courses?q=" + word, 0);
        // archived courses stay listable for admins, from MongoDB
        assertThat(http.query("/api/courses?status=archived&q=" + word)
                        .token(http.admin().token())
                        .send()
                        .json()
                        .get("total")
                        .asLong())
                .isEqualTo(1);
        Response beyond = http.query("/api/courses?page=" + Integer.MAX_VALUE + "&size=100")
                .send();
        assertThat(beyond.status()).as(beyond.toString()).isEqualTo(200);
        assertThat(beyond.json().get("items").size()).isZero();
    }

    /**
     * The catalog is eventually consistent: api.md promises read-your-writes for single documents only, and each
     * query node answers the published catalog from its in-memory mirror, which follows the projection by a few
     * milliseconds. So a test waits for the list to show what it has written.
     */
    private Response catalogOnceItHas(String query, long total) {
        Response[] last = new Response[1];
        await().atMost(java.time.Duration.ofSeconds(10))
                .pollInterval(java.time.Duration.ofMillis(20))
                .until(() -> {
                    last[0] = http.query(query).send();
                    return last[0].status() == 200
                            && last[0].json().get("total").asLong() == total;
                });
        return last[0];
    }

    @Test
    void content_is_for_the_instructor_and_admins_and_no_one_else_ever_sees_a_correct_answer() {
        String id = createCourse("Quiz course " + uniqueWord(), "Has a quiz");
        Response quiz = addContent(id, quiz(0));
        String quizId = quiz.json().get("id").asText();
        addVideo(id);
        assertThat(post("/api/courses/" + id + "/publish", teacher.token()).status())
                .isEqualTo(200);

        Response own = http.query("/api/content/" + quizId + "?min_version=1")
                .token(teacher.token())
                .send();
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.header("ETag")).isEqualTo("\"1\"");
        assertThat(own.body()).contains("\"correct_answer\":0");
        Response admin = http.query("/api/courses/" + id + "/content?min_version=3")
                .token(http.admin().token())
                .send();
        assertThat(admin.body()).contains("\"correct_answer\"");

        SignedIn student = http.newUser("student");
        SignedIn other = http.newUser("instructor");
        List<Response> outsiders = List.of(
                http.query("/api/content/" + quizId).token(student.token()).send(),
                http.query("/api/content/" + quizId).token(other.token()).send(),
                http.query("/api/courses/" + id + "/content")
                        .token(student.token())
                        .send(),
                http.query("/api/courses/" + id + "/content")
                        .token(other.token())
                        .send(),
                http.query("/api/courses/" + id + "/content").send(),
                http.query("/api/content/" + quizId).send());
        for (Response r : outsiders) {
            assertThat(r.status()).as(r.toString()).isIn(401, 403);
            assertThat(r.body()).doesNotContain("correct_answer");
        }
        assertProblem(outsiders.get(0), 403, "forbidden");
        assertProblem(outsiders.get(4), 401, null);
    }

    @Test
    void editing_and_deleting_content_shows_in_the_read_models_and_the_curriculum_follows_a_deletion() {
        String id = createCourse("Editable " + uniqueWord(), "Text");
        String videoId = addVideo(id);
        String secondId = addVideo(id);
        http.command("PUT", "/api/courses/" + id + "/topics")
                .token(teacher.token())
                .json(List.of(Map.of(
                        "topic_title",
                        "T",
                        "sections",
                        List.of(Map.of("topic", "S", "videos", List.of(videoId, secondId))))))
                .send();

        Response edited = http.command("PATCH", "/api/courses/" + id + "/content/" + videoId)
                .token(teacher.token())
                .json(Map.of("title", "Welcome, again", "metadata", Map.of("duration", 42)))
                .send();
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        Response item = http.query("/api/content/" + videoId + "?min_version="
                        + edited.json().get("version").asLong())
                .token(teacher.token())
                .send();
        assertThat(item.json().get("title").asText()).isEqualTo("Welcome, again");
        assertThat(item.json().get("metadata").get("duration").asInt()).isEqualTo(42);
        assertThat(item.json().get("transcript").asText()).isEqualTo("Hello and welcome to the course");

        Response deleted = http.command("DELETE", "/api/courses/" + id + "/content/" + videoId)
                .token(teacher.token())
                .send();
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        Response course = readCourse(id, deleted.json().get("version").asLong(), teacher.token());
        assertThat(course.json()
                        .get("topics")
                        .get(0)
                        .get("sections")
                        .get(0)
                        .get("videos")
                        .toString())
                .isEqualTo("[\"" + secondId + "\"]");
        assertProblem(
                http.query("/api/content/" + videoId).token(teacher.token()).send(), 404, "not-found");

        Response edit = http.command("PATCH", "/api/courses/" + id)
                .token(teacher.token())
                .json(Map.of("title", "Renamed", "price", Map.of("amount", 0, "currency", "USD")))
                .send();
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        JsonNode renamed = readCourse(id, edit.json().get("version").asLong(), teacher.token())
                .json();
        assertThat(renamed.get("title").asText()).isEqualTo("Renamed");
        assertThat(renamed.get("price").get("currency").asText()).isEqualTo("USD");
    }

    @Test
    void status_moves_and_permissions_are_refused_as_the_rules_say() {
        String id = createCourse("Rules " + uniqueWord(), "Text");
        assertProblem(post("/api/courses/" + id + "/publish", teacher.token()), 409, "course-not-publishable");
        addVideo(id);
        SignedIn other = http.newUser("instructor");
        assertProblem(post("/api/courses/" + id + "/publish", other.token()), 403, "forbidden");
        assertProblem(
                http.command("PATCH", "/api/courses/" + id)
                        .token(other.token())
                        .json(Map.of("title", "Mine"))
                        .send(),
                403,
                "forbidden");
        assertThat(post("/api/courses/" + id + "/publish", teacher.token()).status())
                .isEqualTo(200);
        assertProblem(post("/api/courses/" + id + "/publish", teacher.token()), 409, "illegal-status-transition");
        assertThat(post("/api/courses/" + id + "/archive", http.admin().token()).status())
                .isEqualTo(200);
        assertProblem(post("/api/courses/" + id + "/archive", teacher.token()), 409, "illegal-status-transition");
        assertProblem(post("/api/courses/" + id + "/publish", teacher.token()), 409, "illegal-status-transition");
        assertProblem(
                http.command("PATCH", "/api/courses/" + id)
                        .token(teacher.token())
                        .header("If-Match", "\"0\"")
                        .json(Map.of("title", "Too late"))
                        .send(),
                412,
                null);

        SignedIn student = http.newUser("student");
        assertProblem(create(student.token(), course("Nope", "x")), 403, "forbidden");
        assertProblem(create(null, course("Nope", "x")), 401, null);
        assertProblem(
                post("/api/courses/" + new org.bson.types.ObjectId().toHexString() + "/publish", teacher.token()),
                404,
                null);
    }

    @Test
    void a_slug_is_unique_and_a_changed_slug_is_free_again() {
        String slug = "slug-" + uniqueWord();
        Map<String, Object> body = course("First", "x");
        body.put("slug", slug);
        Response first = create(teacher.token(), body);
        assertThat(first.status()).isEqualTo(201);
        assertProblem(create(teacher.token(), body), 409, "slug-taken");

        String id = first.json().get("id").asText();
        Response renamed = http.command("PATCH", "/api/courses/" + id)
                .token(teacher.token())
                .json(Map.of("slug", slug + "-new"))
                .send();
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(create(teacher.token(), body).status()).isEqualTo(201);
    }

    private MongoDatabase database() {
        return system.database();
    }

    private java.util.Map<String, Long> storedDocuments() {
        return system.commandSideState();
    }

    private void assertRefusedAndNothingStored(Http.Request request, int status) {
        var before = storedDocuments();
        Response r = request.send();
        assertProblem(r, status, null);
        assertThat(storedDocuments()).as("documents after " + r).isEqualTo(before);
    }

    @Test
    void bad_input_is_a_4xx_problem_and_stores_nothing() {
        String id = createCourse("Bad input " + uniqueWord(), "Text");
        String videoId = addVideo(id);
        SignedIn otherTeacher = http.newUser("instructor");
        Response other = create(otherTeacher.token(), course("Someone else's " + uniqueWord(), "Text"));
        String otherId = other.json().get("id").asText();
        Response foreign = http.command("POST", "/api/courses/" + otherId + "/content")
                .token(otherTeacher.token())
                .json(video("Theirs"))
                .send();
        String foreignVideo = foreign.json().get("id").asText();
        // let the projections settle, so that document counts only change by what the requests below do
        assertThat(http.query("/api/content/" + foreignVideo + "?min_version=1")
                        .token(otherTeacher.token())
                        .send()
                        .status())
                .isEqualTo(200);
        assertThat(readCourse(id, 1, teacher.token()).status()).isEqualTo(200);

        String t = teacher.token();
        List<Map<String, Object>> badCourses = new ArrayList<>();
        badCourses.add(with(course("", "x"), "title", ""));
        badCourses.add(with(course("x", "x"), "title", "t".repeat(10_000)));
        badCourses.add(with(course("x", "x"), "price", Map.of("amount", -1, "currency", "EUR")));
        badCourses.add(with(course("x", "x"), "price", Map.of("amount", "ten", "currency", "EUR")));
        badCourses.add(with(course("x", "x"), "price", Map.of("amount", 1.999, "currency", "EUR")));
        badCourses.add(with(course("x", "x"), "price", Map.of("amount", 10, "currency", "XYZ")));
        badCourses.add(with(course("x", "x"), "level", "expert"));
        badCourses.add(with(course("x", "x"), "slug", "Not_A_Slug!"));
        badCourses.add(with(course("x", "x"), "colour", "blue"));
        for (Map<String, Object> bad : badCourses) {
            assertRefusedAndNothingStored(
                    http.command("POST", "/api/courses").token(t).json(bad), 400);
        }
        String content = "/api/courses/" + id + "/content";
        assertRefusedAndNothingStored(
                http.command("POST", content).token(t).json(Map.of("type", "podcast", "title", "x")), 400);
        assertRefusedAndNothingStored(
                http.command("POST", content)
                        .token(t)
                        .json(Map.of("type", "quiz", "title", "x", "quiz_data", Map.of("questions", List.of()))),
                400);
        assertRefusedAndNothingStored(
                http.command("POST", content)
                        .token(t)
                        .json(Map.of(
                                "type",
                                "quiz",
                                "title",
                                "x",
                                "quiz_data",
                                Map.of(
                                        "questions",
                                        List.of(Map.of("question", "Q", "options", List.of(), "correct_answer", 0))))),
                400);
        assertRefusedAndNothingStored(http.command("POST", content).token(t).json(quiz(2)), 400);
        assertRefusedAndNothingStored(
                http.command("PUT", "/api/courses/" + id + "/topics")
                        .token(t)
                        .json(List.of(Map.of(
                                "topic_title",
                                "T",
                                "sections",
                                List.of(Map.of("topic", "S", "videos", List.of(videoId, foreignVideo)))))),
                400);
        assertRefusedAndNothingStored(
                http.command("PATCH", "/api/courses/" + id).token(t).json(Map.of("slug", "UPPER")), 400);
        assertRefusedAndNothingStored(
                http.command("PATCH", "/api/courses/not-an-object-id").token(t).json(Map.of("title", "x")), 400);
        assertRefusedAndNothingStored(
                http.command("POST", "/api/courses/12345/publish").token(t), 400);

        assertProblem(http.query("/api/courses/not-an-object-id").send(), 400, "validation-failed");
        assertProblem(http.query("/api/content/not-an-object-id").token(t).send(), 400, "validation-failed");
        assertProblem(http.query("/api/courses?size=101").send(), 400, "validation-failed");
        assertProblem(http.query("/api/courses?page=-1").send(), 400, "validation-failed");
        assertProblem(http.query("/api/courses?sort=popularity").send(), 400, "validation-failed");
        assertProblem(http.query("/api/courses?level=expert").send(), 400, null);
        assertProblem(http.query("/api/courses?instructor_id=nope").send(), 400, "validation-failed");
        assertProblem(http.query("/api/courses/slug/Bad_Slug").send(), 400, "validation-failed");
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        body.put(field, value);
        return body;
    }
}
