package io.lms.query.notification;

import com.mongodb.client.model.Updates;
import io.lms.api.notification.NotificationKey;
import io.lms.api.notification.NotificationType;
import io.lms.query.support.Documents;
import io.lms.query.support.VersionedBatch;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * Writes notifications exactly once: each has the id its cause and user determine ({@link NotificationKey}) and is
 * inserted with {@code $setOnInsert} ({@link VersionedBatch#insertOnce}), so a replayed or redelivered event finds
 * it there and changes nothing (not even its {@code read} flag). In the group's batch of events, they are written
 * in bulk with the batch's other writes.
 */
@Component
class NotificationWriter {

    private final NotificationReadModel readModel;

    NotificationWriter(NotificationReadModel readModel) {
        this.readModel = readModel;
    }

    void notify(String userId, NotificationType type, String cause, String content, Instant at) {
        VersionedBatch.insertOnce(readModel.collection(), id(cause, userId), insert(userId, type, content, at));
    }

    private static ObjectId id(String cause, String userId) {
        return new ObjectId(new NotificationKey(cause, userId).notificationId());
    }

    private static List<Bson> insert(String userId, NotificationType type, String content, Instant at) {
        return List.of(
                Updates.setOnInsert("user_id", Documents.oid(userId)),
                Updates.setOnInsert("type", type.name().toLowerCase(Locale.ROOT)),
                Updates.setOnInsert("content", content),
                Updates.setOnInsert("read", false),
                Updates.setOnInsert("created_at", Documents.date(at)));
    }
}
