package io.lms.query.notification;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.lms.api.notification.NotificationKey;
import io.lms.api.notification.NotificationType;
import io.lms.query.support.Documents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * Writes notifications exactly once: each has the id its cause and user determine ({@link NotificationKey}) and is
 * inserted with {@code $setOnInsert}, so a replayed or redelivered event finds it there and changes nothing (not
 * even its {@code read} flag). Many notifications of one cause go in unordered bulk writes of {@link #CHUNK}.
 */
@Component
class NotificationWriter {

    static final int CHUNK = 1_000;

    private final NotificationReadModel readModel;

    NotificationWriter(NotificationReadModel readModel) {
        this.readModel = readModel;
    }

    void notify(String userId, NotificationType type, String cause, String content, Instant at) {
        readModel
                .collection()
                .updateOne(
                        Filters.eq("_id", id(cause, userId)),
                        insert(userId, type, content, at),
                        new UpdateOptions().upsert(true));
    }

    /** A bulk writer for one cause: {@link Batch#add} the users, then {@link Batch#flush}. */
    Batch batch(NotificationType type, String cause, String content, Instant at) {
        return new Batch(type, cause, content, at);
    }

    final class Batch {
        private final NotificationType type;
        private final String cause;
        private final String content;
        private final Instant at;
        private final List<UpdateOneModel<Document>> pending = new ArrayList<>(CHUNK);

        private Batch(NotificationType type, String cause, String content, Instant at) {
            this.type = type;
            this.cause = cause;
            this.content = content;
            this.at = at;
        }

        void add(String userId) {
            pending.add(new UpdateOneModel<>(
                    Filters.eq("_id", id(cause, userId)),
                    insert(userId, type, content, at),
                    new UpdateOptions().upsert(true)));
            if (pending.size() == CHUNK) {
                flush();
            }
        }

        void flush() {
            if (!pending.isEmpty()) {
                readModel.collection().bulkWrite(pending, new BulkWriteOptions().ordered(false));
                pending.clear();
            }
        }
    }

    private static ObjectId id(String cause, String userId) {
        return new ObjectId(new NotificationKey(cause, userId).notificationId());
    }

    private static org.bson.conversions.Bson insert(String userId, NotificationType type, String content, Instant at) {
        return Updates.combine(
                Updates.setOnInsert("user_id", Documents.oid(userId)),
                Updates.setOnInsert("type", type.name().toLowerCase(Locale.ROOT)),
                Updates.setOnInsert("content", content),
                Updates.setOnInsert("read", false),
                Updates.setOnInsert("created_at", Documents.date(at)));
    }
}
