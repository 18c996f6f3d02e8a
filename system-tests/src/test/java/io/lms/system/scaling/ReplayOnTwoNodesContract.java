package io.lms.system.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.MongoBackend;
import io.lms.system.QueryNodeProcess;
import io.lms.system.SystemUnderTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replay of {@code users} started on query node A while node B shares the projection's segments: both nodes answer
 * reads throughout and serve the rebuilt model afterwards, and the two nodes share the segments again, so that a
 * user who signs up after the switch is read from both. Node A runs in this JVM (with the command side), node B in
 * a JVM of its own. Short claim timeouts and intervals keep the waits short; the test only polls.
 */
public abstract class ReplayOnTwoNodesContract {

    private static final int SEGMENTS = 2;
    private static final Duration DEADLINE = Duration.ofMinutes(2);
    /** Two balancing rounds after the switch, plus the time another node's processor takes to claim, with room. */
    private static final Duration SHARED_AGAIN_WITHIN = Duration.ofSeconds(30);

    private static final Map<String, Object> SETTINGS = Map.of(
            "lms.projections.segments", String.valueOf(SEGMENTS),
            "lms.axon.token-claim-timeout", "PT3S",
            "lms.projections.token-claim-interval", "PT0.5S",
            "lms.projections.balance-interval", "PT0.5S",
            "lms.projections.replay.settle", "PT1S");

    protected abstract MongoBackend backend();

    private SystemUnderTest system;

    @BeforeEach
    void start() {
        system = SystemUnderTest.fresh(backend(), SETTINGS);
    }

    @AfterEach
    void stop() {
        system.close();
    }

    @Test
    void after_a_replay_on_one_node_both_serve_the_rebuilt_users_and_share_the_segments_again() {
        Http nodeA = system.http;
        SignedIn admin = nodeA.admin();
        try (QueryNodeProcess b = QueryNodeProcess.start(system.querySideProperties())) {
            Http nodeB = nodeA.withQueryUrl(b.url());
            List<SignedIn> students = List.of(nodeA.newUser("student"), nodeA.newUser("student"));
            String email = students.get(0).username() + "@example.com";
            awaitUsersSplit(nodeA, nodeB, admin);
            spoilEmail(students.get(0)); // only a rebuild from the events puts it right
            Reader reader = new Reader(List.of(nodeA, nodeB), students);
            reader.start();

            Response started = nodeA.query("POST", "/api/admin/projections/users/replay")
                    .token(admin.token())
                    .send();

            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            awaitReplayDone(nodeA, admin);
            reader.stop();
            assertThat(reader.reads.get()).isPositive();
            assertThat(reader.failures)
                    .as("reads that failed during the replay")
                    .isEmpty();
            for (Http node : List.of(nodeA, nodeB)) {
                assertThat(me(node, students.get(0)).json().get("email").asText())
                        .isEqualTo(email);
            }
            awaitUsersSplitWithin(SHARED_AGAIN_WITHIN, nodeA, nodeB, admin);
            SignedIn later = nodeA.newUser("student"); // waits until node A reads them
            assertThat(me(nodeB, later).json().get("username").asText()).isEqualTo(later.username());
        }
    }

    private void spoilEmail(SignedIn user) {
        system.database()
                .getCollection("users")
                .updateOne(Filters.eq("_id", new ObjectId(user.id())), Updates.set("email", "stale@example.com"));
    }

    private static void awaitUsersSplit(Http nodeA, Http nodeB, SignedIn admin) {
        awaitUsersSplitWithin(DEADLINE, nodeA, nodeB, admin);
    }

    /** Each node processes one segment of {@code users}. */
    private static void awaitUsersSplitWithin(Duration within, Http nodeA, Http nodeB, SignedIn admin) {
        await().atMost(within).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                        Map.of("A", segmentsHere(nodeA, admin), "B", segmentsHere(nodeB, admin)))
                .as("users segments on each node")
                .isEqualTo(Map.of("A", 1, "B", 1)));
    }

    private static void awaitReplayDone(Http node, SignedIn admin) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode users = users(node, admin);
            assertThat(users.get("status").asText()).as(users.toString()).isEqualTo("running");
        });
    }

    private static int segmentsHere(Http node, SignedIn admin) {
        return users(node, admin).get("segments_here").asInt();
    }

    private static JsonNode users(Http node, SignedIn admin) {
        Response r =
                node.query("/api/admin/projections/users").token(admin.token()).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private static Response me(Http node, SignedIn user) {
        Response r =
                node.query("/api/users/me?min_version=0").token(user.token()).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r;
    }

    /** Reads each user from each node, over and over, and notes every read that failed or found someone else. */
    private static final class Reader {
        private final List<Http> nodes;
        private final List<SignedIn> users;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong reads = new AtomicLong();
        private final List<String> failures = new CopyOnWriteArrayList<>();
        private final Thread thread = new Thread(this::readAll, "users-reader");

        Reader(List<Http> nodes, List<SignedIn> users) {
            this.nodes = nodes;
            this.users = users;
        }

        void start() {
            thread.start();
        }

        private void readAll() {
            while (running.get()) {
                for (Http node : nodes) {
                    for (SignedIn user : users) {
                        Response r =
                                node.query("/api/users/me").token(user.token()).send();
                        if (r.status() != 200
                                || !user.username()
                                        .equals(r.json().get("username").asText())) {
                            failures.add(node.queryUrl + " " + user.username() + ": " + r);
                        }
                    }
                }
                reads.incrementAndGet();
            }
        }

        void stop() {
            running.set(false);
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
