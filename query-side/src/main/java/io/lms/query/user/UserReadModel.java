package io.lms.query.user;

import static io.lms.query.support.Documents.hex;
import static io.lms.query.support.Documents.instant;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.lms.api.common.Role;
import io.lms.api.user.Profile;
import io.lms.api.user.UserPublicView;
import io.lms.api.user.UserView;
import io.lms.platform.mongo.CollectionIndexes;
import io.lms.platform.web.PageResponse;
import io.lms.query.support.ReadModelCollections;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/** Reads of the {@code users} collection, and its mapping to the API's views. */
@Component
public class UserReadModel {

    static final CollectionIndexes INDEXES = CollectionIndexes.of("users", Indexes.ascending("role"));

    private final MongoCollection<Document> collection;

    public UserReadModel(ReadModelCollections collections) {
        this.collection = collections.get("users");
        collections.ensure(INDEXES);
    }

    MongoCollection<Document> collection() {
        return collection;
    }

    public Optional<Document> find(String id) {
        return Optional.ofNullable(
                collection.find(Filters.eq("_id", new ObjectId(id))).first());
    }

    PageResponse<UserView> list(Role role, int page, int size) {
        Bson filter =
                role == null ? new Document() : Filters.eq("role", role.name().toLowerCase(Locale.ROOT));
        long total = collection.countDocuments(filter);
        long skip = (long) page * size;
        if (skip >= total) {
            return new PageResponse<>(List.of(), page, size, total);
        }
        List<UserView> items = collection
                .find(filter)
                .sort(Sorts.ascending("_id"))
                .skip((int) skip)
                .limit(size)
                .map(UserReadModel::view)
                .into(new ArrayList<>());
        return new PageResponse<>(items, page, size, total);
    }

    static UserView view(Document d) {
        return new UserView(
                hex(d.get("_id")),
                d.getString("username"),
                d.getString("email"),
                role(d),
                profile(d),
                instant(d.getDate("created_at")),
                instant(d.getDate("updated_at")));
    }

    static UserPublicView publicView(Document d) {
        return new UserPublicView(hex(d.get("_id")), d.getString("username"), role(d), profile(d));
    }

    private static Role role(Document d) {
        return Role.valueOf(d.getString("role").toUpperCase(Locale.ROOT));
    }

    private static Profile profile(Document d) {
        Document p = d.get("profile", Document.class);
        return p == null
                ? Profile.EMPTY
                : new Profile(p.getString("full_name"), p.getString("bio"), p.getString("avatar_url"));
    }
}
