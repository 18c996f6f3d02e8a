package io.lms.system;

import io.lms.embedded.EmbeddedMongo;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The MongoDB a system test runs against: the embedded wire server (always), a {@code mongo:7} replica set in a
 * container (when Docker is present), or the server named by {@code MONGODB_URI} (when set). Each is started once
 * per test JVM and shared by the suites.
 */
public enum MongoBackend {
    EMBEDDED {
        private EmbeddedMongo mongo;

        @Override
        synchronized String connectionString() {
            if (mongo == null) {
                mongo = EmbeddedMongo.inMemory();
            }
            return mongo.connectionString();
        }

        @Override
        synchronized void stop() {
            if (mongo != null) {
                mongo.close();
            }
        }
    },
    CONTAINER {
        private MongoDBContainer container;

        @Override
        synchronized String connectionString() {
            if (container == null) {
                container = new MongoDBContainer(DockerImageName.parse("mongo:7"));
                container.start();
            }
            return container.getReplicaSetUrl("admin");
        }

        @Override
        synchronized void stop() {
            if (container != null) {
                container.stop();
            }
        }
    },
    URI {
        @Override
        String connectionString() {
            String uri = System.getenv("MONGODB_URI");
            if (uri == null || uri.isBlank()) {
                throw new IllegalStateException("MONGODB_URI is not set");
            }
            return uri;
        }
    };

    abstract String connectionString();

    /** Called once, after every service that used it has stopped. */
    void stop() {}
}
