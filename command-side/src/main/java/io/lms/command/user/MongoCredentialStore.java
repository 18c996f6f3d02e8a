package io.lms.command.user;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/** The {@code credentials} collection: {@code {_id: user id, password_hash, security_stamp, updated_at}}. */
@Component
public class MongoCredentialStore implements CredentialStore {

    private final MongoCollection<Document> credentials;

    public MongoCredentialStore(MongoDatabaseFactory databaseFactory) {
        this.credentials = databaseFactory.getMongoDatabase().getCollection("credentials");
    }

    @Override
    public void store(String userId, String passwordHash) {
        credentials.updateOne(
                Filters.eq("_id", userId),
                Updates.combine(
                        Updates.set("password_hash", passwordHash),
                        Updates.set("updated_at", new Date()),
                        Updates.inc("security_stamp", 1L)),
                new UpdateOptions().upsert(true));
    }

    @Override
    public Optional<Credentials> find(String userId) {
        return Optional.ofNullable(credentials.find(Filters.eq("_id", userId)).first())
                .map(d -> {
                    Number stamp = d.get("security_stamp", Number.class);
                    return new Credentials(d.getString("password_hash"), stamp == null ? 0 : stamp.longValue());
                });
    }

    @Override
    public void endSessions(String userId) {
        credentials.updateOne(Filters.eq("_id", userId), Updates.inc("security_stamp", 1L));
    }

    @Override
    public void remove(String userId) {
        credentials.deleteOne(Filters.eq("_id", userId));
    }
}
