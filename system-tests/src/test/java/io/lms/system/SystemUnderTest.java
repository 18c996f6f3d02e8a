package io.lms.system;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.lms.command.CommandSideApplication;
import io.lms.query.QuerySideApplication;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Both services, started in this JVM on free ports against one MongoDB and a fresh database, exactly as they run
 * in production: they talk to MongoDB through the driver over TCP and to clients over HTTP.
 */
public final class SystemUnderTest {

    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_EMAIL = "admin@example.com";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    /** A fixed HS256 key for tests only (base64 of 32 bytes). */
    static final String JWT_SECRET = "dGVzdC1vbmx5LXNpZ25pbmcta2V5LW9mLTMyLWJ5dGVzIQ==";

    private static final Map<MongoBackend, SystemUnderTest> RUNNING = new EnumMap<>(MongoBackend.class);
    private static final Map<MongoBackend, RuntimeException> FAILED = new EnumMap<>(MongoBackend.class);

    static {
        // one hook, in order: the services stop while their MongoDB is still there, then the MongoDBs
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (SystemUnderTest.class) {
                RUNNING.values().forEach(SystemUnderTest::stop);
                for (MongoBackend backend : MongoBackend.values()) {
                    backend.stop();
                }
            }
        }));
    }

    private final ConfigurableApplicationContext commandSide;
    private final Map<String, Object> commandSideProperties;
    private final Map<String, Object> querySideProperties;
    private ConfigurableApplicationContext secondCommandNode;
    private final ConfigurableApplicationContext querySide;
    private final MongoClient mongoClient;
    private final String database;
    public final Http http;

    private SystemUnderTest(MongoBackend backend) {
        this(backend, Map.of());
    }

    /**
     * {@code overrides} go to both services (they read the settings each knows), e.g. the query side's segment
     * count and claim timeouts.
     */
    private SystemUnderTest(MongoBackend backend, Map<String, Object> overrides) {
        String uri = backend.connectionString();
        this.database = "lms_it_" + UUID.randomUUID().toString().substring(0, 8);
        this.mongoClient = MongoClients.create(uri);
        Map<String, Object> common = new HashMap<>();
        common.put("server.port", "0");
        common.put("spring.data.mongodb.uri", uri);
        common.put("spring.data.mongodb.database", database);
        common.put("lms.security.jwt.secret", JWT_SECRET);
        common.put("lms.read-your-writes.max-wait", "PT5S");
        common.put("logging.level.root", "WARN");
        common.putAll(overrides);
        Map<String, Object> query = new HashMap<>(common);
        // both services' application.yml are on this JVM's classpath and only one is read: restate the query side's
        // readiness group (its own application.yml has it), which its catalog mirror is part of
        query.put("management.endpoint.health.group.readiness.include", "readinessState,mongo,catalogMirror");
        this.querySideProperties = Map.copyOf(query);
        this.querySide = new SpringApplicationBuilder(QuerySideApplication.class).run(arguments(query));
        Map<String, Object> command = new HashMap<>(common);
        command.put("lms.query-side.base-url", "http://localhost:" + port(querySide));
        command.put("lms.admin.username", ADMIN_USERNAME);
        command.put("lms.admin.email", ADMIN_EMAIL);
        command.put("lms.admin.password", ADMIN_PASSWORD);
        command.put("lms.auth.bcrypt-strength", "4");
        // every test signs in from 127.0.0.1: keep the per-client limit out of the way of the per-login one
        command.put("lms.auth.throttle.max-failures-per-client", "10000");
        this.commandSideProperties = command;
        this.commandSide = new SpringApplicationBuilder(CommandSideApplication.class).run(arguments(command));
        this.http = new Http("http://localhost:" + port(commandSide), "http://localhost:" + port(querySide));
    }

    /** The system on {@code backend}, started on first use and shared by every suite of this JVM. */
    public static synchronized SystemUnderTest on(MongoBackend backend) {
        RuntimeException failed = FAILED.get(backend);
        if (failed != null) {
            throw new IllegalStateException("the system did not start on " + backend, failed);
        }
        try {
            return RUNNING.computeIfAbsent(backend, SystemUnderTest::new);
        } catch (RuntimeException e) {
            FAILED.put(backend, e);
            throw e;
        }
    }

    /**
     * A system of its own on {@code backend}, in a fresh database, for a suite that stops or restarts parts of it;
     * the suite closes it.
     */
    public static SystemUnderTest fresh(MongoBackend backend, Map<String, Object> overrides) {
        return new SystemUnderTest(backend, overrides);
    }

    /** The settings the query side was started with: another query node on the same database starts with these. */
    public Map<String, Object> querySideProperties() {
        return querySideProperties;
    }

    /** Command-line arguments, so that they win over application.yml and the environment. */
    public static String[] arguments(Map<String, Object> properties) {
        return properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    /**
     * What the command side has stored: the number of documents in each of its collections and the event counter's
     * head. A refused command changes none of it. (Read models are left out: projections write them a moment after
     * a command, so counting them would race with earlier, accepted commands.)
     */
    public Map<String, Long> commandSideState() {
        Map<String, Long> state = new java.util.TreeMap<>();
        for (String name : List.of("events", "snapshots", "unique_keys", "credentials")) {
            state.put(name, database().getCollection(name).countDocuments());
        }
        org.bson.Document counter =
                database().getCollection("event_counters").find().first();
        state.put("event_counter_head", counter == null ? 0L : ((Number) counter.get("head")).longValue());
        return state;
    }

    public MongoDatabase database() {
        return mongoClient.getDatabase(database);
    }

    public ConfigurableApplicationContext commandSide() {
        return commandSide;
    }

    /** A second command-side node on the same database, as a scaled-out deployment has; started on first use. */
    public synchronized Http secondCommandNode() {
        if (secondCommandNode == null) {
            secondCommandNode =
                    new SpringApplicationBuilder(CommandSideApplication.class).run(arguments(commandSideProperties));
        }
        return new Http("http://localhost:" + port(secondCommandNode), http.queryUrl);
    }

    public ConfigurableApplicationContext querySide() {
        return querySide;
    }

    /** Stops a {@link #fresh} system and drops its database. */
    public void close() {
        stop();
    }

    private void stop() {
        if (secondCommandNode != null) {
            secondCommandNode.close();
        }
        commandSide.close();
        querySide.close();
        if (!database.isEmpty()) {
            mongoClient.getDatabase(database).drop();
        }
        mongoClient.close();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }
}
