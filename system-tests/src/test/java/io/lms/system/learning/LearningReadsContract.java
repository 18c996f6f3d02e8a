package io.lms.system.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lms.api.course.ContentType;
import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.api.enrollment.ContentProgressRecordedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.ProgressStatus;
import io.lms.api.enrollment.ReviewWrittenEvent;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The query side of learning through HTTP: who reads enrollments, progress, reviews and certificates, the learner
 * shape of content, the course's figures and certificate verification. The Enrollment aggregate's events are
 * stored directly in the event store (as the command side stores them), so that these reads are checked on
 * their own; courses and users go through the real commands.
 */
public abstract class LearningReadsContract {

    protected abstract MongoBackend backend();

    private SystemUnderTest system;
    private Http http;
    private SignedIn teacher;
    private SignedIn student;
    private String course;
    private String quiz;
    private String enrollment;

    @BeforeEach
    void setUp() {
        system = SystemUnderTest.on(backend());
        http = system.http;
        teacher = http.newUser("instructor");
        student = http.newUser("student");
        course = publishedCourse();
        enrollment = new EnrollmentKey(student.id(), course).enrollmentId();
    }

    private String publishedCourse() {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Learning " + UUID.randomUUID().toString().substring(0, 8));
        body.put("description", "A course to learn in");
        body.put("category", "programming");
        body.put("tags", List.of("learning"));
        body.put("level", "beginner");
        body.put("requirements", List.of());
        body.put("outcomes", List.of());
        body.put("price", Map.of("amount", 5, "currency", "EUR"));
        String id = command("POST", "/api/courses", body).json().get("id").asText();
        quiz = command(
                        "POST",
                        "/api/courses/" + id + "/content",
                        Map.of(
                                "type",
                                "quiz",
                                "title",
                                "Check",
                                "order",
                                0,
                                "quiz_data",
                                Map.of(
                                        "questions",
                                        List.of(Map.of(
                                                "question",
                                                "2 + 2?",
                                                "options",
                                                List.of("3", "4"),
                                                "correct_answer",
                                                1)))))
                .json()
                .get("id")
                .asText();
        long version = command("POST", "/api/courses/" + id + "/publish", null)
                .json()
                .get("version")
                .asLong();
        assertThat(http.query("/api/courses/" + id + "?min_version=" + version)
                        .send()
                        .status())
                .isEqualTo(200);
        return id;
    }

    private Response command(String method, String path, Object body) {
        Http.Request request = http.command(method, path).token(teacher.token());
        Response r = (body == null ? request : request.json(body)).send();
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
        return r;
    }

    /** Stores an event of the student's enrollment, as the command side does. */
    private void store(String enrollmentId, long version, Object payload) {
        system.commandSide()
                .getBean(EventStore.class)
                .publish(new GenericDomainEventMessage<>("Enrollment", enrollmentId, version, payload));
    }

    /** Stores an event with its own timestamp, for orders that must not depend on two events' milliseconds. */
    private void storeAt(String enrollmentId, long version, Object payload, Instant timestamp) {
        system.commandSide()
                .getBean(EventStore.class)
                .publish(new GenericDomainEventMessage<>(
                        "Enrollment",
                        enrollmentId,
                        version,
                        payload,
                        MetaData.emptyInstance(),
                        UUID.randomUUID().toString(),
                        timestamp));
    }

    private void enroll(String enrollmentId, String studentId) {
        store(enrollmentId, 0, new StudentEnrolledEvent(enrollmentId, studentId, course, teacher.id(), "Learning"));
    }

    private Response get(String path, SignedIn caller) {
        return http.query(path).token(caller == null ? null : caller.token()).send();
    }

    @Test
    void an_enrolled_student_sees_the_content_without_the_quiz_answers_and_one_who_is_not_does_not() {
        assertThat(get("/api/courses/" + course + "/content", student).status()).isEqualTo(403);

        enroll(enrollment, student.id());
        assertThat(get("/api/enrollments/" + enrollment + "?min_version=0", student)
                        .status())
                .isEqualTo(200);

        Response content = get("/api/courses/" + course + "/content", student);
        assertThat(content.status()).as(content.toString()).isEqualTo(200);
        JsonNode question = content.json()
                .get("items")
                .get(0)
                .get("quiz_data")
                .get("questions")
                .get(0);
        assertThat(question.get("options")).hasSize(2);
        assertThat(question.has("correct_answer")).isFalse();
        assertThat(get("/api/content/" + quiz, student).body()).doesNotContain("correct_answer");

        store(enrollment, 1, new StudentUnenrolledEvent(enrollment, student.id(), course, teacher.id()));
        assertThat(get("/api/enrollments/" + enrollment + "?min_version=1", student)
                        .status())
                .isEqualTo(200);
        assertThat(get("/api/courses/" + course + "/content", student).status()).isEqualTo(403);
    }

    @Test
    void an_enrollment_and_its_progress_are_read_by_the_student_the_instructor_and_admins_only() {
        enroll(enrollment, student.id());
        store(
                enrollment,
                1,
                new ContentProgressRecordedEvent(
                        enrollment,
                        student.id(),
                        course,
                        quiz,
                        ContentType.QUIZ,
                        ProgressStatus.STARTED,
                        null,
                        0,
                        1,
                        0.0));
        SignedIn other = http.newUser("student");

        Response own = get("/api/enrollments/" + enrollment + "?min_version=1", student);
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        assertThat(own.header("ETag")).isEqualTo("\"1\"");
        assertThat(own.json().get("user_id").asText()).isEqualTo(student.id());
        assertThat(own.json().get("course_id").asText()).isEqualTo(course);
        assertThat(own.json().get("status").asText()).isEqualTo("active");
        assertThat(get("/api/enrollments/" + enrollment, teacher).status()).isEqualTo(200);
        assertThat(get("/api/enrollments/" + enrollment, http.admin()).status()).isEqualTo(200);
        assertThat(get("/api/enrollments/" + enrollment, other).status()).isEqualTo(404);
        assertThat(get("/api/enrollments/" + enrollment, null).status()).isEqualTo(401);

        Response progress = get("/api/enrollments/" + enrollment + "/progress", student);
        assertThat(progress.status()).as(progress.toString()).isEqualTo(200);
        assertThat(progress.json().get("total").asLong()).isEqualTo(1);
        assertThat(progress.json().get("items").get(0).get("content_id").asText())
                .isEqualTo(quiz);
        assertThat(progress.json().get("items").get(0).get("status").asText()).isEqualTo("started");
        assertThat(get("/api/enrollments/" + enrollment + "/progress", other).status())
                .isEqualTo(404);

        Response mine = get("/api/users/" + student.id() + "/enrollments", student);
        assertThat(mine.json().get("total").asLong()).isEqualTo(1);
        assertThat(get("/api/users/" + student.id() + "/enrollments", other).status())
                .isEqualTo(403);
        Response ofCourse = get("/api/courses/" + course + "/enrollments", teacher);
        assertThat(ofCourse.json().get("items").get(0).get("id").asText()).isEqualTo(enrollment);
        assertThat(get("/api/courses/" + course + "/enrollments", student).status())
                .isEqualTo(403);
    }

    @Test
    void reviews_are_public_newest_first_and_the_course_and_catalog_show_the_rating_and_enrollment_count() {
        SignedIn second = http.newUser("student");
        String secondEnrollment = new EnrollmentKey(second.id(), course).enrollmentId();
        enroll(enrollment, student.id());
        enroll(secondEnrollment, second.id());
        store(enrollment, 1, new ReviewWrittenEvent(enrollment, enrollment, student.id(), course, 5, "Great"));
        // a second later, so that "newest first" does not hinge on the two reviews' milliseconds
        storeAt(
                secondEnrollment,
                1,
                new ReviewWrittenEvent(secondEnrollment, secondEnrollment, second.id(), course, 2, "Too fast"),
                Instant.now().plusSeconds(1));
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> get("/api/courses/" + course + "/reviews", null)
                                .json()
                                .get("total")
                                .asLong()
                        == 2);

        Response reviews = get("/api/courses/" + course + "/reviews", null);
        assertThat(reviews.json().get("items").get(0).get("review_text").asText())
                .isEqualTo("Too fast");
        JsonNode read = get("/api/courses/" + course, null).json();
        assertThat(read.get("rating").get("average").asDouble()).isEqualTo(3.5);
        assertThat(read.get("rating").get("count").asLong()).isEqualTo(2);
        assertThat(read.get("enrollment_count").asLong()).isEqualTo(2);
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            JsonNode page = get("/api/courses?tag=learning&min_rating=3.5&sort=-enrollment_count&size=100", null)
                    .json();
            for (JsonNode item : page.get("items")) {
                if (item.get("id").asText().equals(course)) {
                    return item.get("enrollment_count").asLong() == 2
                            && item.get("rating").get("average").asDouble() == 3.5;
                }
            }
            return false;
        });
        Response unknownCourse = get("/api/courses/" + new ObjectId().toHexString() + "/reviews", null);
        assertThat(unknownCourse.status()).isEqualTo(404);
    }

    @Test
    void a_certificate_is_verified_by_whoever_holds_its_url_and_cannot_be_enumerated() {
        String certificate = new ObjectId().toHexString();
        String code = "c0de-" + UUID.randomUUID();
        enroll(enrollment, student.id());
        store(
                enrollment,
                1,
                new CertificateIssuedEvent(enrollment, certificate, student.id(), course, "Learning", code));

        Response own = get("/api/certificates/" + certificate + "?min_version=1", student);
        assertThat(own.status()).as(own.toString()).isEqualTo(200);
        String url = own.json().get("certificate_url").asText();
        assertThat(url).isEqualTo(http.queryUrl + "/api/certificates/" + certificate + "?code=" + code);
        assertThat(own.json().get("course_title").asText()).isEqualTo("Learning");
        assertThat(own.json().get("student_name").asText()).isEqualTo(student.username());
        assertThat(get("/api/users/" + student.id() + "/certificates", student)
                        .json()
                        .get("items")
                        .get(0)
                        .get("certificate_url")
                        .asText())
                .isEqualTo(url);

        Response verified = http.query(url.substring(http.queryUrl.length())).send();
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().get("id").asText()).isEqualTo(certificate);
        assertThat(verified.json().get("user_id").asText()).isEqualTo(student.id());

        String unknown = new ObjectId().toHexString();
        Response ofUnknown = get("/api/certificates/" + unknown + "?code=" + code, null);
        assertThat(ofUnknown.status()).isEqualTo(404);
        String asIfUnknown = ofUnknown.body().replace(unknown, certificate);
        for (String attempt : List.of("?code=wrong", "?code=" + code.substring(1), "", "?code=")) {
            Response refused = get("/api/certificates/" + certificate + attempt, null);
            assertThat(refused.status()).as(attempt).isEqualTo(404);
            assertThat(refused.body()).as(attempt).isEqualTo(asIfUnknown);
            assertThat(refused.contentType()).isEqualTo(ofUnknown.contentType());
            Response signedIn = get("/api/certificates/" + certificate + attempt, teacher);
            assertThat(signedIn.status()).as(attempt).isEqualTo(404);
        }
        assertThat(get("/api/certificates/" + certificate + "?code=wrong&min_version=1", null)
                        .body())
                .isEqualTo(asIfUnknown);
    }

    @Test
    void ids_that_are_not_object_ids_and_bad_paging_are_refused_with_400() {
        for (String path : List.of(
                "/api/enrollments/not-an-id",
                "/api/enrollments/not-an-id/progress",
                "/api/users/not-an-id/enrollments",
                "/api/courses/not-an-id/enrollments",
                "/api/courses/not-an-id/reviews",
                "/api/users/not-an-id/certificates",
                "/api/certificates/not-an-id?code=x",
                "/api/courses/" + course + "/reviews?size=0",
                "/api/courses/" + course + "/reviews?size=101",
                "/api/enrollments/" + enrollment + "?min_version=-1",
                "/api/enrollments/" + enrollment + "/progress?page=-1")) {
            Response r = get(path, student);
            assertThat(r.status()).as(path + " " + r).isEqualTo(400);
            assertThat(r.contentType()).as(path).startsWith("application/problem+json");
        }
    }
}
