package io.lms.system.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A student's way through a course end to end, through HTTP on both services, as the README's walkthrough does
 * it, with what the query side answers at each step (LearningFlowContract covers the commands' rules):
 * sign up, enroll, watch the video, take the quiz, complete the course, receive the certificate, which an
 * anonymous visitor verifies from its {@code certificate_url}, and review the course; the course's rating and
 * enrollment count follow.
 */
public abstract class StudentJourneyContract {

    protected abstract MongoBackend backend();

    private Http http;
    private SignedIn teacher;
    private String course;
    private String video;
    private String quiz;

    @BeforeEach
    void setUp() {
        http = SystemUnderTest.on(backend()).http;
        teacher = http.newUser("instructor");
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Flow " + UUID.randomUUID().toString().substring(0, 8));
        body.put("description", "From enrollment to certificate");
        body.put("category", "programming");
        body.put("tags", List.of("flow"));
        body.put("level", "beginner");
        body.put("requirements", List.of());
        body.put("outcomes", List.of());
        body.put("price", Map.of("amount", 0, "currency", "EUR"));
        course = ok(http.command("POST", "/api/courses").token(teacher.token()).json(body))
                .json()
                .get("id")
                .asText();
        video = ok(http.command("POST", "/api/courses/" + course + "/content")
                        .token(teacher.token())
                        .json(
                                """
                                {"type": "video", "title": "Welcome", "order": 0,
                                 "metadata": {"duration": 60, "file_url": "https://cdn.example.com/w.mp4"}}
                                """))
                .json()
                .get("id")
                .asText();
        quiz = ok(http.command("POST", "/api/courses/" + course + "/content")
                        .token(teacher.token())
                        .json(
                                """
                                {"type": "quiz", "title": "Check", "order": 1,
                                 "quiz_data": {"questions": [
                                   {"question": "2 + 2?", "options": ["3", "4"], "correct_answer": 1},
                                   {"question": "3 + 3?", "options": ["6", "7"], "correct_answer": 0}]}}
                                """))
                .json()
                .get("id")
                .asText();
        ok(http.command("POST", "/api/courses/" + course + "/publish").token(teacher.token()));
    }

    private static Response ok(Http.Request request) {
        Response r = request.send();
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
        return r;
    }

    private Response enroll(SignedIn student) {
        return http.command("POST", "/api/courses/" + course + "/enrollments")
                .token(student.token())
                .send();
    }

    private JsonNode courseOnceItShows(long enrollments, long reviews, double average) {
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            JsonNode c = http.query("/api/courses/" + course).send().json();
            return c.get("enrollment_count").asLong() == enrollments
                    && c.get("rating").get("count").asLong() == reviews
                    && c.get("rating").get("average").asDouble() == average;
        });
        return http.query("/api/courses/" + course).send().json();
    }

    @Test
    void a_student_enrolls_learns_completes_gets_a_verifiable_certificate_and_reviews_the_course() {
        SignedIn student = http.newUser("student");

        Response enrolled = enroll(student);
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
        String enrollment = enrolled.json().get("id").asText();
        assertThat(enrolled.header("Location")).isEqualTo(http.queryUrl + "/api/enrollments/" + enrollment);
        Response read = http.query("/api/enrollments/" + enrollment + "?min_version=0")
                .token(student.token())
                .send();
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().get("status").asText()).isEqualTo("active");
        assertThat(read.json().get("progress").asDouble()).isZero();

        Response content = http.query("/api/courses/" + course + "/content")
                .token(student.token())
                .send();
        assertThat(content.status()).as(content.toString()).isEqualTo(200);
        assertThat(content.json().get("total").asLong()).isEqualTo(2);
        assertThat(content.body()).doesNotContain("correct_answer");

        Response watched = ok(http.command("POST", "/api/enrollments/" + enrollment + "/progress")
                .token(student.token())
                .json(
                        """
                        {"content_id": "%s", "status": "completed", "progress": 100}
                        """
                                .formatted(video)));
        assertThat(watched.json().get("version").asLong()).isEqualTo(1);

        Response attempt = ok(http.command("POST", "/api/enrollments/" + enrollment + "/quiz-attempts")
                .token(student.token())
                .json("""
                        {"content_id": "%s", "answers": [1, 1]}
                        """
                        .formatted(quiz)));
        assertThat(attempt.json().get("quiz_score").asDouble()).isEqualTo(50.0);
        assertThat(attempt.json().get("correct").asInt()).isEqualTo(1);
        assertThat(attempt.json().get("total").asInt()).isEqualTo(2);
        assertThat(attempt.body()).doesNotContain("correct_answer");
        long version = attempt.json().get("version").asLong();

        Response completed = http.query("/api/enrollments/" + enrollment + "?min_version=" + version)
                .token(student.token())
                .send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.json().get("progress").asDouble()).isEqualTo(100.0);
        assertThat(completed.json().get("completed_at").asText()).endsWith("Z");
        Response progress = http.query("/api/enrollments/" + enrollment + "/progress?min_version=" + version)
                .token(student.token())
                .send();
        assertThat(progress.json().get("total").asLong()).isEqualTo(2);
        for (JsonNode item : progress.json().get("items")) {
            assertThat(item.get("status").asText()).isEqualTo("completed");
            if (item.get("content_id").asText().equals(quiz)) {
                assertThat(item.get("quiz_score").asDouble()).isEqualTo(50.0);
            }
        }

        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> http.query("/api/users/" + student.id() + "/certificates")
                                .token(student.token())
                                .send()
                                .json()
                                .get("total")
                                .asLong()
                        == 1);
        JsonNode certificate = http.query("/api/users/" + student.id() + "/certificates")
                .token(student.token())
                .send()
                .json()
                .get("items")
                .get(0);
        String url = certificate.get("certificate_url").asText();
        assertThat(url)
                .startsWith(http.queryUrl + "/api/certificates/"
                        + certificate.get("id").asText() + "?code=");

        Response verified = http.query(url.substring(http.queryUrl.length())).send();
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().get("user_id").asText()).isEqualTo(student.id());
        assertThat(verified.json().get("course_id").asText()).isEqualTo(course);
        assertThat(verified.json().get("student_name").asText()).isEqualTo(student.username());
        assertThat(verified.json().get("course_title").asText()).startsWith("Flow ");
        Response guessed = http.query(
                        "/api/certificates/" + certificate.get("id").asText() + "?code=guess")
                .send();
        assertThat(guessed.status()).isEqualTo(404);

        Response reviewed = http.command("POST", "/api/courses/" + course + "/reviews")
                .token(student.token())
                .json(
                        """
                        {"rating": 4, "review_text": "Short and clear"}
                        """)
                .send();
        assertThat(reviewed.status()).as(reviewed.toString()).isEqualTo(201);
        JsonNode shown = courseOnceItShows(1, 1, 4.0);
        assertThat(shown.get("rating").get("average").asDouble()).isEqualTo(4.0);
        Response reviews = http.query("/api/courses/" + course + "/reviews").send();
        assertThat(reviews.json().get("items").get(0).get("review_text").asText())
                .isEqualTo("Short and clear");
        assertThat(reviews.json().get("items").get(0).get("id").asText()).isEqualTo(enrollment);
    }

    @Test
    void rating_and_enrollment_count_follow_reviews_and_enrollments_as_they_come_and_go() {
        SignedIn first = http.newUser("student");
        SignedIn second = http.newUser("student");
        String firstEnrollment = enroll(first).json().get("id").asText();
        String secondEnrollment = enroll(second).json().get("id").asText();
        for (SignedIn s : List.of(first, second)) {
            Response r = http.command("POST", "/api/courses/" + course + "/reviews")
                    .token(s.token())
                    .json(Map.of("rating", s == first ? 5 : 2, "review_text", "by " + s.username()))
                    .send();
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        courseOnceItShows(2, 2, 3.5);

        ok(http.command("PUT", "/api/courses/" + course + "/reviews/" + secondEnrollment)
                .token(second.token())
                .json(Map.of("rating", 3, "review_text", "better on a second look")));
        courseOnceItShows(2, 2, 4.0);

        ok(http.command("DELETE", "/api/enrollments/" + secondEnrollment).token(second.token()));
        courseOnceItShows(1, 2, 4.0);

        ok(http.command("DELETE", "/api/courses/" + course + "/reviews/" + firstEnrollment)
                .token(first.token()));
        courseOnceItShows(1, 1, 3.0);

        Response again = enroll(second);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        courseOnceItShows(2, 1, 3.0);
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            JsonNode page = http.query("/api/courses?tag=flow&min_rating=3&sort=-enrollment_count&size=100")
                    .send()
                    .json();
            for (JsonNode item : page.get("items")) {
                if (item.get("id").asText().equals(course)) {
                    return item.get("enrollment_count").asLong() == 2;
                }
            }
            return false;
        });
    }
}
