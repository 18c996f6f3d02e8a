package io.lms.system.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Course analytics through HTTP: a small course (video, quiz, assignment) and three students who go through the real
 * commands, then {@code GET /api/courses/{id}/analytics} as the course's owner and admins, and its refusals.
 */
public abstract class CourseAnalyticsContract {

    protected abstract MongoBackend backend();

    private Http http;
    private PublishedCourse course;

    @BeforeEach
    void setUp() {
        http = SystemUnderTest.on(backend()).http;
        course = PublishedCourse.by(http, http.newUser("instructor"));
    }

    /**
     * The first student completes everything (quiz 100); the second watches the video and scores 0, then 50 on the
     * quiz; the third enrolls and leaves. Best scores 100 and 50 make 75 (every attempt would make 50).
     */
    @Test
    void the_owner_and_admins_read_the_figures_of_a_course_with_three_students() {
        LocalDate firstDay = LocalDate.now(ZoneOffset.UTC);
        SignedIn first = http.newUser("student");
        String e1 = enroll(first);
        progress(first, e1, course.video());
        quiz(first, e1, List.of(1, 0));
        progress(first, e1, course.assignment());
        SignedIn second = http.newUser("student");
        String e2 = enroll(second);
        progress(second, e2, course.video());
        quiz(second, e2, List.of(0, 1));
        quiz(second, e2, List.of(0, 0));
        SignedIn third = http.newUser("student");
        ok(http.command("DELETE", "/api/enrollments/" + enroll(third)).token(third.token()));

        JsonNode figures = figuresOnce(course.teacher().token(), 3, 1, 1);
        LocalDate lastDay = LocalDate.now(ZoneOffset.UTC);

        assertThat(figures.get("course_id").asText()).isEqualTo(course.id());
        assertThat(figures.get("active").asLong()).isEqualTo(2);
        assertThat(figures.get("completion_rate").asDouble()).isEqualTo(1.0 / 3);
        long perDay = 0;
        for (JsonNode day : figures.get("enrollments_per_day")) {
            assertThat(LocalDate.parse(day.get("date").asText())).isBetween(firstDay, lastDay);
            perDay += day.get("enrollments").asLong();
        }
        assertThat(perDay).isEqualTo(3);
        assertThat(figures.get("average_quiz_score").asDouble()).isEqualTo(75.0);
        JsonNode quiz = figures.get("quizzes").get(0);
        assertThat(quiz.get("content_id").asText()).isEqualTo(course.quiz());
        assertThat(quiz.get("students").asLong()).isEqualTo(2);
        assertThat(figures.get("stopping_points").findValuesAsText("content_id"))
                .containsExactly(course.video(), course.assignment());
        assertThat(figures.get("stopping_points").findValuesAsText("students")).containsExactly("1", "1");
        assertThat(figures.get("most_common_stop").get("content_id").asText()).isEqualTo(course.video());

        Response asAdmin =
                http.query(path(course.id())).token(http.admin().token()).send();
        assertThat(asAdmin.status()).as(asAdmin.toString()).isEqualTo(200);
        assertThat(asAdmin.json()).isEqualTo(figures);
    }

    @Test
    void others_are_refused_and_bad_ids_are_problems() {
        SignedIn student = http.newUser("student");
        enroll(student);
        figuresOnce(course.teacher().token(), 1, 0, 0);

        assertThat(http.query(path(course.id())).send().status()).isEqualTo(401);
        assertThat(statusFor(student, course.id())).isEqualTo(403);
        assertThat(statusFor(http.newUser("instructor"), course.id())).isEqualTo(403);
        assertThat(http.query(path(new ObjectId().toHexString()))
                        .token(http.admin().token())
                        .send()
                        .status())
                .isEqualTo(404);
        Response bad = http.query(path("not-an-id")).token(http.admin().token()).send();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");

        PublishedCourse draft = PublishedCourse.draft(http, course.teacher());
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> http.query(path(draft.id()))
                                .token(draft.teacher().token())
                                .send()
                                .status()
                        == 200);
        assertThat(statusFor(http.newUser("instructor"), draft.id())).isEqualTo(404);
    }

    private JsonNode figuresOnce(String token, long enrolled, long unenrolled, long completed) {
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            Response r = http.query(path(course.id())).token(token).send();
            return r.status() == 200
                    && r.json().get("enrolled").asLong() == enrolled
                    && r.json().get("unenrolled").asLong() == unenrolled
                    && r.json().get("completed").asLong() == completed;
        });
        return http.query(path(course.id())).token(token).send().json();
    }

    private int statusFor(SignedIn caller, String courseId) {
        return http.query(path(courseId)).token(caller.token()).send().status();
    }

    private static String path(String courseId) {
        return "/api/courses/" + courseId + "/analytics";
    }

    private String enroll(SignedIn student) {
        return ok(http.command("POST", "/api/courses/" + course.id() + "/enrollments")
                        .token(student.token()))
                .json()
                .get("id")
                .asText();
    }

    private void progress(SignedIn student, String enrollment, String contentId) {
        Map<String, Object> body = contentId.equals(course.video())
                ? Map.of("content_id", contentId, "status", "completed", "progress", 100)
                : Map.of("content_id", contentId, "status", "completed");
        ok(http.command("POST", "/api/enrollments/" + enrollment + "/progress")
                .token(student.token())
                .json(body));
    }

    private void quiz(SignedIn student, String enrollment, List<Integer> answers) {
        ok(http.command("POST", "/api/enrollments/" + enrollment + "/quiz-attempts")
                .token(student.token())
                .json(Map.of("content_id", course.quiz(), "answers", answers)));
    }

    private static Response ok(Http.Request request) {
        Response r = request.send();
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
        return r;
    }
}
