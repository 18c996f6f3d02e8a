package io.lms.query.user;

import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;
import static io.lms.query.support.Documents.date;
import static io.lms.query.support.Documents.oid;

import io.lms.api.user.Profile;
import io.lms.api.user.UserPasswordChangedEvent;
import io.lms.api.user.UserProfileChangedEvent;
import io.lms.api.user.UserRegisteredEvent;
import io.lms.api.user.UserRoleChangedEvent;
import io.lms.query.support.VersionedBatch;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@code users} read model, as collections.md documents it, less {@code password_hash}: the hash stays in
 * the command side's credential store and never reaches an event or a read model.
 */
@Component
@ProcessingGroup(UserProjection.NAME)
public class UserProjection {

    public static final String NAME = "users";

    private final UserReadModel users;

    public UserProjection(UserReadModel users) {
        this.users = users;
    }

    @EventHandler
    void on(UserRegisteredEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        VersionedBatch.upsert(
                users.collection(),
                oid(event.userId()),
                version,
                List.of(
                        set("username", event.username()),
                        set("email", event.email()),
                        set("role", role(event.role())),
                        set("profile", profile(event.profile())),
                        setOnInsert("created_at", date(at)),
                        set("updated_at", date(at))));
    }

    @EventHandler
    void on(UserProfileChangedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        VersionedBatch.update(
                users.collection(),
                oid(event.userId()),
                version,
                List.of(set("profile", profile(event.profile())), set("updated_at", date(at))));
    }

    @EventHandler
    void on(UserRoleChangedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        VersionedBatch.update(
                users.collection(),
                oid(event.userId()),
                version,
                List.of(set("role", role(event.role())), set("updated_at", date(at))));
    }

    @EventHandler
    void on(UserPasswordChangedEvent event, @SequenceNumber long version, @Timestamp Instant at) {
        VersionedBatch.update(users.collection(), oid(event.userId()), version, List.of(set("updated_at", date(at))));
    }

    @ResetHandler
    void reset() {
        users.collection().deleteMany(new Document());
    }

    private static String role(io.lms.api.common.Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    private static Document profile(Profile profile) {
        Profile p = profile == null ? Profile.EMPTY : profile;
        return new Document("full_name", p.fullName()).append("bio", p.bio()).append("avatar_url", p.avatarUrl());
    }
}
