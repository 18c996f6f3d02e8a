package io.lms.command.user;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.stereotype.Component;

/** The {@code credentials} collection: {@code {_id: user id, password_hash, updated_at}}. */
@Component
public class MongoCredentialStore implements CredentialStore {

    private final MongoCollection<Document> credentials;

    public MongoCredentialStore(MongoDatabaseFactory databaseFactory) {
        this.credentials = databaseFactory.getMongoDatabase().getCollection("credentials");
    }

    @Override
    public void store(String userId, String passwordHash) {
        credentials.replaceOne(
                Filters.eq("_id", userId),
                new Document("_id", userId)
                        .append("password_hash", passwordHash)
                        .append("updated_at", new Date()),
                new ReplaceOptions().upsert(true));
    }

    @Override
    public Optional<String> hashOf(String userId) {
        return Optional.ofNullable(credentials.find(Filters.eq("_id", userId)).first())
                .map(d -> d.getString("password_hash"));
    }

    @Override
    public void remove(String userId) {
        credentials.deleteOne(Filters.eq("_id", userId));
    }
}
