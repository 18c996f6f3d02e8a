package io.lms.query.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.lms.platform.axon.NodeId;
import io.lms.query.support.WireServer;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * The balancer stops (and the node leaves {@code query_nodes}) when the node's own application context closes, and
 * only then: a replay's handlers live in a child context of the application's, whose events reach the
 * application's listeners too, and its close at the end of every replay must not stop this node's balancing (the
 * node would keep every segment it held and count as gone to the others).
 */
class SegmentBalancerLifecycleTest {

    private static final NodeId SELF = new NodeId("balancer-lifecycle-test");

    private MongoCollection<Document> queryNodes;
    private AnnotationConfigApplicationContext application;

    @BeforeEach
    void start() {
        MongoDatabaseFactory database = WireServer.freshDatabase("segment_balancer_lifecycle_test");
        queryNodes = database.getMongoDatabase().getCollection("query_nodes");
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors()).thenReturn(Map.of());
        QueryNodes nodes = new QueryNodes(database, SELF, Duration.ofSeconds(3));
        application = new AnnotationConfigApplicationContext();
        application.registerBean(
                SegmentBalancer.class,
                () -> new SegmentBalancer(
                        application,
                        nodes,
                        processing,
                        new InMemoryTokenStore(),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100)));
        application.refresh();
        application.getBean(SegmentBalancer.class).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> lastSeen() != null);
    }

    @AfterEach
    void stop() {
        application.close();
    }

    @Test
    void closing_a_child_context_as_each_replay_does_leaves_the_node_heartbeating() {
        GenericApplicationContext replayHandlers = new GenericApplicationContext();
        replayHandlers.setParent(application);
        replayHandlers.refresh();
        replayHandlers.close();
        Date closed = new Date();

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(lastSeen()).as("the node's heartbeat").isAfter(closed));
    }

    @Test
    void closing_the_nodes_own_context_takes_it_out_of_query_nodes() {
        application.close();

        assertThat(queryNodes.countDocuments()).isZero();
    }

    private Date lastSeen() {
        Document node = queryNodes.find(Filters.eq("_id", SELF.value())).first();
        return node == null ? null : node.getDate("seen");
    }
}
