package io.lms.system.forum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.SystemUnderTest;
import java.time.Duration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * What the forum suites share: a published course of an instructor, and enrollments. The enrollment endpoints are
 * another issue's: enrollments are appended to the event store as the Enrollment aggregate will store them (its id
 * derived from student and course), which is all the forum and the notifications look at.
 */
final class ForumWorld {

    final Http http;
    final SignedIn teacher;
    final String courseId;
    private final EventStore eventStore;

    ForumWorld(SystemUnderTest system) {
        this.http = system.http;
        this.eventStore = system.commandSide().getBean(EventStore.class);
        this.teacher = http.newUser("instructor");
        this.courseId = publishedCourse();
    }

    private String publishedCourse() {
        Response course = http.command("POST", "/api/courses")
                .token(teacher.token())
                .raw(
                        """
                        {"title": "Python for forums", "slug": "%s", "description": "Learn and discuss",
                         "category": "programming", "tags": ["python"], "level": "beginner", "requirements": [],
                         "outcomes": [], "price": {"amount": 0, "currency": "EUR"}}
                        """
                                .formatted("forums-" + new org.bson.types.ObjectId().toHexString()),
                        "application/json")
                .send();
        assertThat(course.status()).as(course.toString()).isEqualTo(201);
        String id = course.json().get("id").asText();
        addContent(id, "Welcome");
        Response published = http.command("POST", "/api/courses/" + id + "/publish")
                .token(teacher.token())
                .send();
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return id;
    }

    Response addContent(String course, String title) {
        Response added = http.command("POST", "/api/courses/" + course + "/content")
                .token(teacher.token())
                .raw("{\"type\": \"video\", \"title\": \"" + title + "\", \"order\": 0}", "application/json")
                .send();
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added;
    }

    SignedIn enrolledStudent() {
        SignedIn student = http.newUser("student");
        String enrollmentId = new EnrollmentKey(student.id(), courseId).enrollmentId();
        append(
                enrollmentId,
                0,
                new StudentEnrolledEvent(enrollmentId, student.id(), courseId, teacher.id(), "Python for forums"));
        awaitReaderOfForums(student);
        return student;
    }

    /**
     * Waits until the query side counts the student as a member of the course: its forum reads check the
     * membership in a projection of their own, which follows the event a moment later, as a real client's first
     * forum read after enrolling would.
     */
    private void awaitReaderOfForums(SignedIn student) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.query("/api/courses/" + courseId + "/forums")
                                .token(student.token())
                                .send()
                                .status()
                        == 200);
    }

    void unenroll(SignedIn student) {
        String enrollmentId = new EnrollmentKey(student.id(), courseId).enrollmentId();
        append(enrollmentId, 1, new StudentUnenrolledEvent(enrollmentId, student.id(), courseId, teacher.id()));
    }

    void issueCertificate(SignedIn student, long sequence) {
        String enrollmentId = new EnrollmentKey(student.id(), courseId).enrollmentId();
        append(
                enrollmentId,
                sequence,
                new CertificateIssuedEvent(
                        enrollmentId,
                        new org.bson.types.ObjectId().toHexString(),
                        student.id(),
                        courseId,
                        "Python for forums",
                        "code-" + student.id()));
    }

    private void append(String enrollmentId, long sequence, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Enrollment", enrollmentId, sequence, event));
    }

    Response createForum(String token, String course) {
        return http.command("POST", "/api/courses/" + course + "/forums")
                .token(token)
                .raw(
                        """
                        {"title": "Questions", "description": "Ask anything"}
                        """,
                        "application/json")
                .send();
    }

    String forum() {
        Response created = createForum(teacher.token(), courseId);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    Response post(String forumId, String token, String content, String parentPostId) {
        java.util.Map<String, Object> body = new java.util.HashMap<>();
        body.put("content", content);
        if (parentPostId != null) {
            body.put("parent_post_id", parentPostId);
        }
        return http.command("POST", "/api/forums/" + forumId + "/posts")
                .token(token)
                .json(body)
                .send();
    }

    String postOk(String forumId, String token, String content, String parentPostId) {
        Response r = post(forumId, token, content, parentPostId);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }
}
