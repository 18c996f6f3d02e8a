package io.lms.query.nodes;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.lms.platform.axon.NodeId;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * The query-side nodes that run now, as each tells it in {@code query_nodes}: {@code {_id: node id, seen: time}},
 * written every balancing round. A node not seen for {@code lms.axon.token-claim-timeout} counts as gone, as its
 * token claims do; a node that stops cleanly removes itself at once. The collection holds one document per node,
 * so reading all of it is cheap.
 */
@Component
class QueryNodes {

    private final MongoCollection<Document> nodes;
    private final NodeId self;
    private final Duration liveness;
    private final Clock clock = Clock.systemUTC();

    QueryNodes(
            MongoDatabaseFactory databaseFactory,
            NodeId self,
            @Value("${lms.axon.token-claim-timeout:PT10S}") Duration liveness) {
        this.nodes = databaseFactory.getMongoDatabase().getCollection("query_nodes");
        this.self = self;
        this.liveness = liveness;
    }

    /** Tells the others this node runs, and forgets nodes gone for long. */
    void heartbeat() {
        Date now = Date.from(clock.instant());
        nodes.replaceOne(
                Filters.eq("_id", self.value()),
                new Document("_id", self.value()).append("seen", now),
                new ReplaceOptions().upsert(true));
        nodes.deleteMany(Filters.lt("seen", Date.from(clock.instant().minus(liveness.multipliedBy(10)))));
    }

    /** The nodes seen within the liveness window, this one included. */
    int live() {
        long seen = nodes.countDocuments(
                Filters.gte("seen", Date.from(clock.instant().minus(liveness))));
        return (int) Math.max(1, seen);
    }

    /** A clean stop: the others need not wait for this node's heartbeat to age. */
    void leave() {
        nodes.deleteOne(Filters.eq("_id", self.value()));
    }
}
