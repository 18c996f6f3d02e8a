package io.lms.system.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import java.util.UUID;

/**
 * A course as the learning suites need it, built through HTTP by its instructor: a video, a two-question quiz
 * (answers 1 and 0) and an assignment, published unless asked otherwise.
 */
record PublishedCourse(String id, String video, String quiz, String assignment, SignedIn teacher) {

    static PublishedCourse by(Http http, SignedIn teacher) {
        PublishedCourse course = draft(http, teacher);
        course.post(http, "/publish");
        return course;
    }

    static PublishedCourse draft(Http http, SignedIn teacher) {
        String title = "Learning " + UUID.randomUUID().toString().substring(0, 8);
        String id = created(http.command("POST", "/api/courses")
                .token(teacher.token())
                .json(
                        """
                        {"title": "%s", "description": "Learn it well", "category": "programming",
                         "level": "beginner", "price": {"amount": 10, "currency": "EUR"}}
                        """
                                .formatted(title))
                .send());
        String video = created(
                content(
                        http,
                        teacher,
                        id,
                        """
                {"type": "video", "title": "Welcome", "metadata": {"duration": 300}}
                """));
        String quiz = created(
                content(
                        http,
                        teacher,
                        id,
                        """
                {"type": "quiz", "title": "Check yourself", "quiz_data": {"questions": [
                  {"question": "2 + 2?", "options": ["3", "4", "5"], "correct_answer": 1},
                  {"question": "Is Python typed?", "options": ["yes", "no"], "correct_answer": 0}]}}
                """));
        String assignment = created(
                content(
                        http,
                        teacher,
                        id,
                        """
                {"type": "assignment", "title": "Your first script",
                 "assignment_data": {"instructions": "Write a script that greets you"}}
                """));
        return new PublishedCourse(id, video, quiz, assignment, teacher);
    }

    Response post(Http http, String action) {
        Response r = http.command("POST", "/api/courses/" + id + action)
                .token(teacher.token())
                .send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    private static Response content(Http http, SignedIn teacher, String courseId, String body) {
        return http.command("POST", "/api/courses/" + courseId + "/content")
                .token(teacher.token())
                .json(body)
                .send();
    }

    private static String created(Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }
}
