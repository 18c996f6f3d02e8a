package io.lms.system.learning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command side of learning through HTTP: enrolling, progress, quizzes, completion with its certificate, and
 * reviews, with the answers the REST contract gives and what the event store holds after. Each backend runs this
 * same suite through a subclass.
 */
public abstract class LearningFlowContract {

    protected abstract MongoBackend backend();

    private SystemUnderTest system;
    private Http http;
    private SignedIn teacher;
    private SignedIn student;
    private PublishedCourse course;

    @BeforeEach
    void connect() {
        system = SystemUnderTest.on(backend());
        http = system.http;
        teacher = http.newUser("instructor");
        student = http.newUser("student");
        course = PublishedCourse.by(http, teacher);
    }

    private Response enroll(SignedIn who, String courseId) {
        return http.command("POST", "/api/courses/" + courseId + "/enrollments")
                .token(who.token())
                .send();
    }

    private String enrolled(SignedIn who) {
        Response r = enroll(who, course.id());
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private Response progress(SignedIn who, String enrollmentId, String body) {
        return http.command("POST", "/api/enrollments/" + enrollmentId + "/progress")
                .token(who.token())
                .json(body)
                .send();
    }

    private Response attempt(SignedIn who, String enrollmentId, String body) {
        return http.command("POST", "/api/enrollments/" + enrollmentId + "/quiz-attempts")
                .token(who.token())
                .json(body)
                .send();
    }

    private Response review(String method, String path, SignedIn who, String body) {
        Http.Request request = http.command(method, "/api/courses/" + course.id() + "/reviews" + path)
                .token(who.token());
        return (body == null ? request : request.json(body)).send();
    }

    private List<DomainEventMessage<?>> eventsOf(String aggregateId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        system.commandSide()
                .getBean(EventStore.class)
                .readEvents(aggregateId, 0)
                .forEachRemaining(events::add);
        return events;
    }

    static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        if (type != null) {
            assertThat(response.json().get("type").asText()).isEqualTo("urn:lms:problem:" + type);
        }
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void a_student_enrolls_learns_takes_the_quiz_completes_the_course_and_gets_one_certificate() {
        Response enrolledAnswer = enroll(student, course.id());
        assertThat(enrolledAnswer.status()).as(enrolledAnswer.toString()).isEqualTo(201);
        String id = enrolledAnswer.json().get("id").asText();
        assertThat(id).isEqualTo(new EnrollmentKey(student.id(), course.id()).enrollmentId());
        assertThat(enrolledAnswer.header("Location")).isEqualTo(http.queryUrl + "/api/enrollments/" + id);
        assertThat(enrolledAnswer.header("ETag")).isEqualTo("\"0\"");

        Response watched = progress(
                student,
                id,
                """
                {"content_id": "%s", "status": "started", "progress": 40}
                """
                        .formatted(course.video()));
        assertThat(watched.status()).as(watched.toString()).isEqualTo(200);
        assertThat(watched.header("ETag")).isEqualTo("\"1\"");
        assertThat(progress(
                                student,
                                id,
                                """
                        {"content_id": "%s", "status": "completed", "progress": 100}
                        """
                                        .formatted(course.video()))
                        .status())
                .isEqualTo(200);

        Response scored = attempt(
                student,
                id,
                """
                {"content_id": "%s", "answers": [1, 1]}
                """
                        .formatted(course.quiz()));
        assertThat(scored.status()).as(scored.toString()).isEqualTo(200);
        JsonNode score = scored.json();
        assertThat(score.get("quiz_score").asDouble()).isEqualTo(50.0);
        assertThat(score.get("correct").asInt()).isEqualTo(1);
        assertThat(score.get("total").asInt()).isEqualTo(2);
        assertThat(score.get("version").asLong()).isEqualTo(3);
        assertThat(scored.body()).doesNotContain("correct_answer");

        Response done = progress(
                student,
                id,
                """
                {"content_id": "%s", "status": "completed"}
                """
                        .formatted(course.assignment()));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().get("version").asLong()).isEqualTo(6);
        assertThat(attempt(
                                student,
                                id,
                                """
                        {"content_id": "%s", "answers": [1, 0]}
                        """
                                        .formatted(course.quiz()))
                        .json()
                        .get("quiz_score")
                        .asDouble())
                .isEqualTo(100.0);

        List<Object> payloads = eventsOf(id).stream()
                .<Object>map(DomainEventMessage::getPayload)
                .toList();
        List<CertificateIssuedEvent> certificates = payloads.stream()
                .filter(CertificateIssuedEvent.class::isInstance)
                .map(CertificateIssuedEvent.class::cast)
                .toList();
        assertThat(certificates).hasSize(1);
        assertThat(Base64.getUrlDecoder().decode(certificates.get(0).verificationCode()).length * 8)
                .isGreaterThanOrEqualTo(128);
    }

    @Test
    void concurrent_enrollments_of_one_student_on_two_nodes_let_exactly_one_win() throws Exception {
        Http nodeB = system.secondCommandNode();
        for (int round = 0; round < 5; round++) {
            SignedIn racer = http.newUser("student");
            List<Response> answers = parallel(6, i -> (i % 2 == 0 ? http : nodeB)
                    .command("POST", "/api/courses/" + course.id() + "/enrollments")
                    .token(racer.token())
                    .send());

            assertThat(answers).extracting(Response::status).containsOnlyOnce(201);
            answers.stream().filter(r -> r.status() != 201).forEach(r -> assertProblem(r, 409, "already-enrolled"));
            String id = new EnrollmentKey(racer.id(), course.id()).enrollmentId();
            assertThat(eventsOf(id)).singleElement().satisfies(e -> assertThat(e.getPayload())
                    .isInstanceOf(StudentEnrolledEvent.class));
        }
    }

    @Test
    void unenrolling_is_soft_and_enrolling_again_reactivates_the_enrollment() {
        String id = enrolled(student);
        assertThat(progress(
                                student,
                                id,
                                """
                        {"content_id": "%s", "status": "completed"}
                        """
                                        .formatted(course.video()))
                        .status())
                .isEqualTo(200);

        Response left = http.command("DELETE", "/api/enrollments/" + id)
                .token(student.token())
                .send();
        assertThat(left.status()).as(left.toString()).isEqualTo(200);
        assertProblem(
                http.command("DELETE", "/api/enrollments/" + id)
                        .token(student.token())
                        .send(),
                409,
                "not-enrolled");
        assertProblem(
                progress(
                        student,
                        id,
                        """
                {"content_id": "%s", "status": "started"}
                """
                                .formatted(course.assignment())),
                409,
                "not-enrolled");

        Response back = enroll(student, course.id());
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(back.json().get("id").asText()).isEqualTo(id);
        assertThat(back.json().get("version").asLong()).isEqualTo(3);
        assertProblem(enroll(student, course.id()), 409, "already-enrolled");
    }

    @Test
    void an_archived_course_takes_no_new_students_and_its_students_keep_learning_and_it_never_returns_to_draft() {
        String id = enrolled(student);
        course.post(http, "/archive");

        assertProblem(enroll(http.newUser("student"), course.id()), 409, "course-not-open");
        Response learning = progress(
                student,
                id,
                """
                {"content_id": "%s", "status": "completed"}
                """
                        .formatted(course.video()));
        assertThat(learning.status()).as(learning.toString()).isEqualTo(200);
        // rule 6: no call moves a course back to draft, and a course with students is never a draft again
        assertProblem(
                http.command("POST", "/api/courses/" + course.id() + "/publish")
                        .token(teacher.token())
                        .send(),
                409,
                "illegal-status-transition");
        assertProblem(
                http.command("PATCH", "/api/courses/" + course.id())
                        .token(teacher.token())
                        .json(
                                """
                                {"status": "draft"}
                                """)
                        .send(),
                400,
                "validation-failed");
    }

    @Test
    void a_draft_course_and_ones_own_course_take_no_enrollment_until_the_draft_is_published() {
        PublishedCourse draft = PublishedCourse.draft(http, teacher);
        assertProblem(enroll(student, draft.id()), 409, "course-not-open");
        assertProblem(enroll(teacher, course.id()), 409, "own-course-enrollment");
        assertProblem(enroll(student, "6b06eb3caa76f936f62db7ff"), 404, "not-found");
        // a refused first enrollment leaves nothing behind: once the course is published, the student enrolls
        draft.post(http, "/publish");
        assertThat(enroll(student, draft.id()).status()).isEqualTo(201);
    }

    @Test
    void someone_elses_enrollment_is_forbidden_and_an_admin_may_unenroll_a_student() {
        String id = enrolled(student);
        SignedIn other = http.newUser("student");
        assertProblem(
                progress(
                        other,
                        id,
                        """
                {"content_id": "%s", "status": "started"}
                """
                                .formatted(course.video())),
                403,
                "forbidden");
        assertProblem(
                attempt(
                        other,
                        id,
                        """
                {"content_id": "%s", "answers": [1, 0]}
                """
                                .formatted(course.quiz())),
                403,
                "forbidden");
        assertProblem(
                http.command("DELETE", "/api/enrollments/" + id)
                        .token(other.token())
                        .send(),
                403,
                "forbidden");
        assertProblem(
                http.command("POST", "/api/enrollments/6b06eb3caa76f936f62db7ff/progress")
                        .token(other.token())
                        .json(
                                """
                                {"content_id": "%s", "status": "started"}
                                """
                                        .formatted(course.video()))
                        .send(),
                404,
                "not-found");

        Response byAdmin = http.command("DELETE", "/api/enrollments/" + id)
                .token(http.admin().token())
                .send();
        assertThat(byAdmin.status()).as(byAdmin.toString()).isEqualTo(200);
    }

    @Test
    void an_enrolled_student_writes_one_review_edits_it_and_deletes_it() {
        String id = enrolled(student);
        Response written = review(
                "POST",
                "",
                student,
                """
                {"rating": 4, "review_text": "Clear and kind"}
                """);
        assertThat(written.status()).as(written.toString()).isEqualTo(201);
        assertThat(written.json().get("id").asText()).isEqualTo(id);
        assertThat(written.header("Location")).isEqualTo(http.queryUrl + "/api/courses/" + course.id() + "/reviews");
        assertProblem(
                review(
                        "POST",
                        "",
                        student,
                        """
                {"rating": 5, "review_text": "Again"}
                """),
                409,
                "review-exists");

        Response edited = review(
                "PUT",
                "/" + id,
                student,
                """
                {"rating": 3, "review_text": "Less clear on reflection"}
                """);
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertProblem(
                review(
                        "PUT",
                        "/" + id,
                        http.newUser("student"),
                        """
                {"rating": 1, "review_text": "Not mine"}
                """),
                403,
                "forbidden");

        assertThat(review("DELETE", "/" + id, student, null).status()).isEqualTo(200);
        assertProblem(review("DELETE", "/" + id, student, null), 404, "no-review");
        assertThat(review(
                                "POST",
                                "",
                                student,
                                """
                        {"rating": 5, "review_text": "Second thoughts"}
                        """)
                        .status())
                .isEqualTo(201);
        assertThat(review("DELETE", "/" + id, http.admin(), null).status()).isEqualTo(200);
    }

    @Test
    void a_student_not_enrolled_writes_no_review() {
        assertProblem(
                review(
                        "POST",
                        "",
                        student,
                        """
                {"rating": 4, "review_text": "Never took it"}
                """),
                403,
                "not-a-course-student");
        assertProblem(
                http.command("POST", "/api/courses/6b06eb3caa76f936f62db7ff/reviews")
                        .token(student.token())
                        .json(
                                """
                                {"rating": 4, "review_text": "No such course"}
                                """)
                        .send(),
                404,
                "not-found");
    }

    private void assertRefusedAndNothingStored(Http.Request request, int status, String type) {
        var before = system.commandSideState();
        Response r = request.send();
        assertProblem(r, status, type);
        assertThat(system.commandSideState()).as("documents after " + r).isEqualTo(before);
    }

    private Http.Request progressRequest(SignedIn who, String enrollmentId, String body) {
        return http.command("POST", "/api/enrollments/" + enrollmentId + "/progress")
                .token(who.token())
                .json(body);
    }

    private Http.Request attemptRequest(String enrollmentId, String answers) {
        return http.command("POST", "/api/enrollments/" + enrollmentId + "/quiz-attempts")
                .token(student.token())
                .json("""
                        {"content_id": "%s", "answers": %s}
                        """
                        .formatted(course.quiz(), answers));
    }

    private Http.Request reviewRequest(SignedIn who, String body) {
        return http.command("POST", "/api/courses/" + course.id() + "/reviews")
                .token(who.token())
                .json(body);
    }

    @Test
    void bad_progress_and_quiz_attempts_are_4xx_problems_and_store_nothing() {
        String id = enrolled(student);
        PublishedCourse other = PublishedCourse.by(http, teacher);
        Response extra = http.command("POST", "/api/courses/" + course.id() + "/content")
                .token(teacher.token())
                .json("""
                        {"type": "video", "title": "Soon gone"}
                        """)
                .send();
        String gone = extra.json().get("id").asText();
        assertThat(http.command("DELETE", "/api/courses/" + course.id() + "/content/" + gone)
                        .token(teacher.token())
                        .send()
                        .status())
                .isEqualTo(200);

        for (String contentId : List.of(other.video(), gone)) {
            assertRefusedAndNothingStored(
                    progressRequest(
                            student,
                            id,
                            """
                            {"content_id": "%s", "status": "started"}
                            """
                                    .formatted(contentId)),
                    400,
                    "content-not-in-course");
        }
        for (String progress : List.of("-1", "101", "2.5", "\"50\"")) {
            assertRefusedAndNothingStored(
                    progressRequest(
                            student,
                            id,
                            """
                            {"content_id": "%s", "status": "started", "progress": %s}
                            """
                                    .formatted(course.video(), progress)),
                    400,
                    "validation-failed");
        }
        assertRefusedAndNothingStored(
                progressRequest(
                        student,
                        id,
                        """
                        {"content_id": "%s", "status": "finished"}
                        """
                                .formatted(course.video())),
                400,
                "validation-failed");
        assertRefusedAndNothingStored(
                http.command("POST", "/api/enrollments/" + id + "/quiz-attempts")
                        .token(student.token())
                        .json(
                                """
                                {"content_id": "%s", "answers": [0, 0]}
                                """
                                        .formatted(course.video())),
                400,
                "not-a-quiz");
        for (String answers : List.of("[1]", "[1, 0, 0]", "[-1, 0]", "[1, 2]")) {
            assertRefusedAndNothingStored(attemptRequest(id, answers), 400, "invalid-quiz-answers");
        }
        for (String answers : List.of("[1.5, 0]", "[\"1\", 0]", "[null, 0]", "\"1,0\"")) {
            assertRefusedAndNothingStored(attemptRequest(id, answers), 400, "validation-failed");
        }
        assertRefusedAndNothingStored(
                progressRequest(
                        http.newUser("student"),
                        id,
                        """
                        {"content_id": "%s", "status": "started"}
                        """
                                .formatted(course.video())),
                403,
                "forbidden");
        assertRefusedAndNothingStored(
                progressRequest(
                        student,
                        "not-an-object-id",
                        """
                        {"content_id": "%s", "status": "started"}
                        """
                                .formatted(course.video())),
                400,
                "validation-failed");
        assertRefusedAndNothingStored(
                progressRequest(
                        student,
                        id,
                        """
                        {"content_id": "not-an-object-id", "status": "started"}
                        """),
                400,
                "validation-failed");
    }

    @Test
    void bad_enrollments_and_reviews_are_4xx_problems_and_store_nothing() {
        PublishedCourse draft = PublishedCourse.draft(http, teacher);
        PublishedCourse archived = PublishedCourse.by(http, teacher);
        archived.post(http, "/archive");
        SignedIn stranger = http.newUser("student");
        String id = enrolled(student);

        assertRefusedAndNothingStored(
                http.command("POST", "/api/courses/" + course.id() + "/enrollments")
                        .token(teacher.token()),
                409,
                "own-course-enrollment");
        for (PublishedCourse closed : List.of(draft, archived)) {
            assertRefusedAndNothingStored(
                    http.command("POST", "/api/courses/" + closed.id() + "/enrollments")
                            .token(student.token()),
                    409,
                    "course-not-open");
        }
        assertRefusedAndNothingStored(
                http.command("POST", "/api/courses/" + course.id() + "/enrollments")
                        .token(student.token()),
                409,
                "already-enrolled");
        assertRefusedAndNothingStored(
                http.command("POST", "/api/courses/not-an-object-id/enrollments")
                        .token(student.token()),
                400,
                "validation-failed");

        for (String rating : List.of("0", "6", "4.5", "\"4\"")) {
            assertRefusedAndNothingStored(
                    reviewRequest(
                            student,
                            """
                            {"rating": %s, "review_text": "x"}
                            """
                                    .formatted(rating)),
                    400,
                    "validation-failed");
        }
        assertRefusedAndNothingStored(
                reviewRequest(
                        student,
                        """
                        {"rating": 4, "review_text": "%s"}
                        """
                                .formatted("x".repeat(100_000))),
                400,
                "validation-failed");
        assertRefusedAndNothingStored(
                reviewRequest(
                        stranger,
                        """
                {"rating": 4, "review_text": "Never took it"}
                """),
                403,
                "not-a-course-student");
        assertThat(reviewRequest(
                                student,
                                """
                        {"rating": 4, "review_text": "Fine"}
                        """)
                        .send()
                        .status())
                .isEqualTo(201);
        assertRefusedAndNothingStored(
                reviewRequest(student, """
                {"rating": 5, "review_text": "Again"}
                """),
                409,
                "review-exists");
        assertRefusedAndNothingStored(
                http.command("PUT", "/api/courses/" + course.id() + "/reviews/not-an-object-id")
                        .token(student.token())
                        .json(
                                """
                                {"rating": 4, "review_text": "x"}
                                """),
                400,
                "validation-failed");

        assertThat(http.command("DELETE", "/api/enrollments/" + id)
                        .token(student.token())
                        .send()
                        .status())
                .isEqualTo(200);
        assertRefusedAndNothingStored(
                http.command("DELETE", "/api/enrollments/" + id).token(student.token()), 409, "not-enrolled");
        assertRefusedAndNothingStored(
                http.command("DELETE", "/api/enrollments/12345").token(student.token()), 400, "validation-failed");
    }

    private static List<Response> parallel(int n, java.util.function.IntFunction<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                calls.add(() -> {
                    start.await();
                    return call.apply(index);
                });
            }
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> c : calls) {
                futures.add(pool.submit(c));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
