package io.lms.query.support;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.lms.embedded.EmbeddedMongo;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

/** One embedded MongoDB wire server for the projection tests of this JVM, reached through the real driver. */
public final class WireServer {

    private static MongoClient client;

    private WireServer() {}

    /** A fresh, empty database on the shared server. */
    public static synchronized MongoDatabaseFactory freshDatabase(String name) {
        if (client == null) {
            EmbeddedMongo mongo = EmbeddedMongo.inMemory();
            client = MongoClients.create(mongo.connectionString());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                mongo.close();
            }));
        }
        client.getDatabase(name).drop();
        return new SimpleMongoClientDatabaseFactory(client, name);
    }
}
