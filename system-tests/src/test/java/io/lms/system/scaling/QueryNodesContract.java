package io.lms.system.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lms.system.Http;
import io.lms.system.Http.Response;
import io.lms.system.Http.SignedIn;
import io.lms.system.QueryNodeProcess;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Two query-side nodes on one database share every projection's segments through Axon's token claims, and when one
 * stops, cleanly or by a crash, the other takes its segments over and goes on projecting. Node A runs in this JVM
 * (with the command side), node B in a JVM of its own, so that it can be killed. Short claim timeouts keep the
 * waits short; the test only polls, with generous deadlines.
 */
public abstract class QueryNodesContract extends TwoQueryNodesSystem {

    @Test
    void two_nodes_share_the_segments_and_one_takes_over_when_the_other_stops_cleanly() {
        Http nodeA = system.http;
        SignedIn admin = nodeA.admin();
        try (QueryNodeProcess b = QueryNodeProcess.start(system.querySideProperties())) {
            Http nodeB = nodeA.withQueryUrl(b.url());
            awaitSegmentsSplit(nodeA, nodeB, admin);
            bothServeANewUser(nodeA, nodeB);

            b.stop();

            awaitAllSegmentsOn(nodeA, admin);
            goesOnProjecting(nodeA, admin);
        }
    }

    @Test
    void a_node_takes_over_the_segments_of_one_that_was_killed_once_its_claims_time_out() {
        Http nodeA = system.http;
        SignedIn admin = nodeA.admin();
        try (QueryNodeProcess b = QueryNodeProcess.start(system.querySideProperties())) {
            Http nodeB = nodeA.withQueryUrl(b.url());
            awaitSegmentsSplit(nodeA, nodeB, admin);
            bothServeANewUser(nodeA, nodeB);

            b.kill();

            awaitAllSegmentsOn(nodeA, admin);
            goesOnProjecting(nodeA, admin);
        }
    }

    /** Every projection: each node processes some of its segments, and together all. */
    private static void awaitSegmentsSplit(Http nodeA, Http nodeB, SignedIn admin) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Integer> onA = segmentsHere(nodeA, admin);
            Map<String, Integer> onB = segmentsHere(nodeB, admin);
            assertThat(onA).containsKeys("users", "courses", "forums", "notifications");
            assertThat(onB.keySet()).isEqualTo(onA.keySet());
            onA.forEach((name, here) -> {
                assertThat(here).as("%s on node A", name).isPositive();
                assertThat(onB.get(name)).as("%s on node B", name).isPositive();
                assertThat(here + onB.get(name)).as("%s on both", name).isEqualTo(SEGMENTS);
            });
        });
    }

    private static void awaitAllSegmentsOn(Http node, SignedIn admin) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> segmentsHere(node, admin)
                .forEach((name, here) -> assertThat(here).as(name).isEqualTo(SEGMENTS)));
    }

    /** A new user's events reach the read model, and both nodes answer reads of it. */
    private static void bothServeANewUser(Http nodeA, Http nodeB) {
        SignedIn student = nodeA.newUser("student"); // waits until node A reads them
        Response onB = nodeB.query("/api/users/me?min_version=0")
                .token(student.token())
                .send();
        assertThat(onB.status()).as(onB.toString()).isEqualTo(200);
        assertThat(onB.json().get("username").asText()).isEqualTo(student.username());
    }

    /** New events after the takeover are projected, and every projection catches up to them. */
    private static void goesOnProjecting(Http node, SignedIn admin) {
        SignedIn student = node.newUser("student"); // fails unless the users projection has it
        assertThat(student.id()).isNotBlank();
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Response r =
                    node.query("/api/admin/projections").token(admin.token()).send();
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            r.json().forEach(p -> assertThat(p.get("lag_events").asLong())
                    .as(p.get("name").asText())
                    .isZero());
        });
    }

    private static Map<String, Integer> segmentsHere(Http node, SignedIn admin) {
        Response r = node.query("/api/admin/projections").token(admin.token()).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Map<String, Integer> here = new TreeMap<>();
        for (JsonNode p : r.json()) {
            here.put(p.get("name").asText(), p.get("segments_here").asInt());
        }
        return here;
    }
}
