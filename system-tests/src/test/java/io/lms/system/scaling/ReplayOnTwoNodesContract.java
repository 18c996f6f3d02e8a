package io.lms.system.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.lms.system.BackgroundReads;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.QueryNodeProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * A replay of {@code users} started on query node A while node B shares the projection's segments: both nodes answer
 * reads throughout and serve the rebuilt model afterwards, and the two nodes share the segments again, so that a
 * user who signs up after the switch is read from both. Node A runs in this JVM (with the command side), node B in
 * a JVM of its own. Short claim timeouts and intervals keep the waits short; the test only polls.
 */
public abstract class ReplayOnTwoNodesContract extends TwoQueryNodesSystem {

    /** Two balancing rounds after the switch, plus the time another node's processor takes to claim, with room. */
    private static final Duration SHARED_AGAIN_WITHIN = Duration.ofSeconds(30);

    @Override
    protected Map<String, Object> moreSettings() {
        return Map.of("lms.projections.replay.settle", "PT1S");
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
            BackgroundReads reader = BackgroundReads.start(
                    "users-reader", failures -> readUsers(List.of(nodeA, nodeB), students, failures));

            Response started = nodeA.query("POST", "/api/admin/projections/users/replay")
                    .token(admin.token())
                    .send();

            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            awaitReplayDone(nodeA, admin);
            reader.stop();
            assertThat(reader.rounds()).isPositive();
            assertThat(reader.failures())
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

    /** Reads each user from each node, and notes every read that failed or found someone else. */
    private static void readUsers(List<Http> nodes, List<SignedIn> users, List<String> failures) {
        for (Http node : nodes) {
            for (SignedIn user : users) {
                Response r = node.query("/api/users/me").token(user.token()).send();
                if (r.status() != 200
                        || !user.username().equals(r.json().get("username").asText())) {
                    failures.add(node.queryUrl + " " + user.username() + ": " + r);
                }
            }
        }
    }
}
