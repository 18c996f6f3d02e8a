package io.lms.system.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.lms.system.BackgroundReads;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.SystemUnderTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/admin/projections/{name}/replay}: the projection is rebuilt from the first event into new
 * collections while the live ones answer, then switched over; the documents are the same as before, reads never
 * fail meanwhile, and later events project as before.
 */
public abstract class ProjectionReplayContract {

    /** The collections of the {@code courses} processing group. */
    private static final List<String> COURSES_GROUP =
            List.of("courses", "content", "enrollments", "progress", "reviews", "certificates");

    protected abstract MongoBackend backend();

    private SystemUnderTest system;
    private Http http;
    private SignedIn admin;
    private SignedIn teacher;

    @BeforeEach
    void connect() {
        system = SystemUnderTest.on(backend());
        http = system.http;
        admin = http.admin();
        teacher = http.newUser("instructor");
    }

    @Test
    void a_replay_of_courses_rebuilds_the_same_documents_while_the_catalog_keeps_answering() {
        String word = uniqueWord();
        List<String> courses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            courses.add(learnedCourse(word));
        }
        awaitIdle("courses");
        Map<String, List<Document>> before = snapshot();
        BackgroundReads reader =
                BackgroundReads.start("catalog-reader", failures -> readCatalog(courses, word, failures));

        Response started = replay("courses");

        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.header("Location")).endsWith("/api/admin/projections/courses");
        assertThat(started.json().get("status").asText()).isEqualTo("replaying");
        awaitRunning("courses");
        reader.stop();
        assertThat(reader.rounds()).isPositive();
        assertThat(reader.failures())
                .as("reads that failed or missed a course during the replay")
                .isEmpty();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(system.database().listCollectionNames().into(new ArrayList<>()))
                .noneMatch(name -> name.endsWith("__replay"));

        String later = learnedCourse(word);
        // the enrollment count does not move the course's version: it is waited for, as a client would
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Response read = http.query("/api/courses/" + later).send();
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.json().get("enrollment_count").asLong()).isEqualTo(1);
        });
    }

    /**
     * A stored event that the handlers cannot read (its payload spoilt in the event store, after the live projection
     * handled it) fails the replay: the old model keeps serving, unchanged, the shadows go, and the projection says
     * why; the next replay, over the event as it was, succeeds.
     */
    @Test
    void a_replay_that_fails_on_an_event_leaves_the_old_model_serving_and_says_why() {
        String course = learnedCourse(uniqueWord());
        awaitIdle("courses");
        Map<String, List<Document>> before = snapshot();
        MongoCollection<Document> events = system.database().getCollection("events");
        Document created = events.find(Filters.and(Filters.eq("aggregateId", course), Filters.eq("sequenceNumber", 0L)))
                .first();
        assertThat(created).isNotNull();
        events.updateOne(Filters.eq("_id", created.get("_id")), Updates.set("payload.details", "unreadable"));
        try {
            assertThat(replay("courses").status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                JsonNode p = projection("courses");
                assertThat(p.get("status").asText()).as(p.toString()).isEqualTo("failed");
                assertThat(p.get("error").asText()).startsWith("replay failed: ");
            });
        } finally {
            events.replaceOne(Filters.eq("_id", created.get("_id")), created);
        }

        assertThat(snapshot()).isEqualTo(before);
        assertThat(system.database().listCollectionNames().into(new ArrayList<>()))
                .noneMatch(name -> name.endsWith("__replay"));
        assertThat(http.query("/api/courses/" + course).send().status()).isEqualTo(200);
        assertThat(replay("courses").status()).isEqualTo(202);
        awaitRunning("courses");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void an_unknown_projection_cannot_be_replayed() {
        Response unknown = replay("nope");

        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    /**
     * Another node claims the live segments (written into the token store as such a node would): the replay takes
     * them over and waits for that node's batch in flight before it switches, and a second replay meanwhile is
     * refused. Afterwards the projection runs here again.
     */
    @Test
    void a_replay_takes_over_the_segments_of_another_node_and_a_second_one_meanwhile_is_a_conflict() {
        String word = uniqueWord();
        String course = learnedCourse(word);
        awaitIdle("users");
        system.database()
                .getCollection("tracking_tokens")
                .updateMany(
                        Filters.eq("processorName", "users"),
                        Updates.combine(
                                Updates.set("owner", "another-node"),
                                Updates.set("timestamp", System.currentTimeMillis())));

        Response first = replay("users");
        Response second = replay("users");

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(second.status()).as(second.toString()).isEqualTo(409);
        assertThat(second.contentType()).startsWith("application/problem+json");
        assertThat(second.json().get("type").asText()).isEqualTo("urn:lms:problem:replay-running");
        awaitRunning("users");
        assertThat(system.database()
                        .getCollection("tracking_tokens")
                        .find(Filters.and(Filters.eq("processorName", "users"), Filters.eq("owner", "another-node")))
                        .first())
                .isNull();
        SignedIn later = http.newUser("student"); // waits until the users projection has them
        assertThat(later.id()).isNotBlank();
        assertThat(http.query("/api/courses/" + course).send().status()).isEqualTo(200);
    }

    private Response replay(String name) {
        return http.query("POST", "/api/admin/projections/" + name + "/replay")
                .token(admin.token())
                .send();
    }

    private JsonNode projection(String name) {
        Response r = http.query("/api/admin/projections/" + name)
                .token(admin.token())
                .send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private void awaitIdle(String name) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode p = projection(name);
            assertThat(p.get("status").asText()).isEqualTo("running");
            assertThat(p.get("lag_events").asLong()).isZero();
        });
    }

    private void awaitRunning(String name) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    JsonNode p = projection(name);
                    assertThat(p.get("status").asText()).as(p.toString()).isEqualTo("running");
                });
    }

    /** Every document of the courses group's collections, by collection, in {@code _id} order. */
    private Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> documents = new HashMap<>();
        for (String collection : COURSES_GROUP) {
            documents.put(
                    collection,
                    system.database()
                            .getCollection(collection)
                            .find()
                            .sort(Sorts.ascending("_id"))
                            .into(new ArrayList<>()));
        }
        return documents;
    }

    /** A published course with a video, an enrolled student who watched it and reviewed the course. */
    private String learnedCourse(String word) {
        Response created = http.command("POST", "/api/courses")
                .token(teacher.token())
                .json(Map.of(
                        "title",
                        "Replayed " + word + " " + uniqueWord(),
                        "description",
                        "About " + word,
                        "category",
                        "programming",
                        "tags",
                        List.of("replay"),
                        "level",
                        "beginner",
                        "requirements",
                        List.of(),
                        "outcomes",
                        List.of("Rebuild"),
                        "price",
                        Map.of("amount", 9.5, "currency", "EUR")))
                .send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Response video = http.command("POST", "/api/courses/" + id + "/content")
                .token(teacher.token())
                .json(Map.of("type", "video", "title", "Intro", "order", 0))
                .send();
        assertThat(video.status()).as(video.toString()).isEqualTo(201);
        Response published = http.command("POST", "/api/courses/" + id + "/publish")
                .token(teacher.token())
                .send();
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        SignedIn student = http.newUser("student");
        Response enrolled = http.command("POST", "/api/courses/" + id + "/enrollments")
                .token(student.token())
                .send();
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
        Response progress = http.command(
                        "POST", "/api/enrollments/" + enrolled.json().get("id").asText() + "/progress")
                .token(student.token())
                .json(Map.of("content_id", video.json().get("id").asText(), "status", "completed", "progress", 100))
                .send();
        assertThat(progress.status()).as(progress.toString()).isLessThan(300);
        Response review = http.command("POST", "/api/courses/" + id + "/reviews")
                .token(student.token())
                .json(Map.of("rating", 5, "review_text", "Rebuilt well"))
                .send();
        assertThat(review.status()).as(review.toString()).isEqualTo(201);
        return id;
    }

    /** Reads each course and the catalog search for them, and notes every read that was wrong. */
    private void readCatalog(List<String> courses, String word, List<String> failures) {
        for (String course : courses) {
            Response one = http.query("/api/courses/" + course).send();
            if (one.status() != 200 || one.json().get("enrollment_count").asLong() != 1) {
                failures.add("course " + course + ": " + one);
            }
        }
        Response catalog = http.query("/api/courses?q=" + word + "&size=50").send();
        if (catalog.status() != 200 || catalog.json().get("total").asLong() < courses.size()) {
            failures.add("catalog: " + catalog);
        }
    }

    private static String uniqueWord() {
        return "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
