package io.lms.command.user;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.lms.platform.mongo.CollectionIndexes;
import io.lms.platform.mongo.IndexVersions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code refresh_tokens} collection: {@code {_id: SHA-256 of the token (hex), user_id, security_stamp, issued_at,
 * expires_at, used_at?, used_for?}} ({@code used_for}: {@code refresh} or {@code logout}). A token is 32 random bytes, given to the client once and kept only as its hash, so the
 * collection cannot be replayed. Each token is used once: {@link #use} marks it in one atomic update, so of two
 * requests with the same token exactly one gets it.
 */
@Component
public class RefreshTokenStore {

    static final String COLLECTION = "refresh_tokens";

    static final CollectionIndexes INDEXES = CollectionIndexes.of(COLLECTION, Indexes.ascending("user_id"));

    private final MongoCollection<Document> tokens;
    private final SecureRandom random = new SecureRandom();

    public RefreshTokenStore(MongoDatabaseFactory databaseFactory) {
        this.tokens = databaseFactory.getMongoDatabase().getCollection(COLLECTION);
        IndexVersions.ensure(databaseFactory.getMongoDatabase(), INDEXES);
    }

    /** What a token is used for. */
    public enum Purpose {
        REFRESH,
        LOGOUT
    }

    /** What a presented token stood for, and what it had been used for before, if anything (then this is a replay). */
    public record Use(String userId, long securityStamp, Instant expiresAt, Optional<Purpose> usedBefore) {}

    /** A new token for a session of {@code userId} started under {@code securityStamp}; the caller gets it once. */
    public String create(String userId, long securityStamp, Instant now, Instant expiresAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.insertOne(new Document("_id", hash(token))
                .append("user_id", userId)
                .append("security_stamp", securityStamp)
                .append("issued_at", Date.from(now))
                .append("expires_at", Date.from(expiresAt)));
        return token;
    }

    /** Uses the token up for {@code purpose}; empty when it was never issued (or was removed after expiring). */
    public Optional<Use> use(String token, Purpose purpose, Instant now) {
        String id = hash(token);
        Document first = tokens.findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.exists("used_at", false)),
                Updates.combine(
                        Updates.set("used_at", Date.from(now)),
                        Updates.set("used_for", purpose.name().toLowerCase(Locale.ROOT))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (first != null) {
            return Optional.of(use(first));
        }
        return Optional.ofNullable(tokens.find(Filters.eq("_id", id)).first()).map(RefreshTokenStore::use);
    }

    /** Removes the user's tokens that expired: they could only be refused. */
    public void removeExpired(String userId, Instant now) {
        tokens.deleteMany(Filters.and(Filters.eq("user_id", userId), Filters.lt("expires_at", Date.from(now))));
    }

    private static Use use(Document d) {
        return new Use(
                d.getString("user_id"),
                d.get("security_stamp", Number.class).longValue(),
                d.getDate("expires_at").toInstant(),
                Optional.ofNullable(d.getString("used_for")).map(p -> Purpose.valueOf(p.toUpperCase(Locale.ROOT))));
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
