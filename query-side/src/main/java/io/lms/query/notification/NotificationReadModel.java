package io.lms.query.notification;

import static io.lms.query.support.Documents.hex;
import static io.lms.query.support.Documents.instant;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.lms.api.notification.NotificationType;
import io.lms.api.notification.NotificationView;
import io.lms.platform.web.PageResponse;
import io.lms.query.support.ReadModelCollections;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * Reads of {@code notifications}, newest first, from the indexes created here at start-up: by user and date, and
 * by user, read flag and date (the unread list and the unread count).
 */
@Component
public class NotificationReadModel {

    private final MongoCollection<Document> notifications;

    public NotificationReadModel(ReadModelCollections collections) {
        this.notifications = collections.get("notifications");
        notifications.createIndex(
                Indexes.compoundIndex(Indexes.ascending("user_id"), Indexes.descending("created_at", "_id")));
        notifications.createIndex(
                Indexes.compoundIndex(Indexes.ascending("user_id", "read"), Indexes.descending("created_at", "_id")));
    }

    MongoCollection<Document> collection() {
        return notifications;
    }

    /** A page of the user's notifications, newest first; only unread ones when {@code unreadOnly}. */
    PageResponse<NotificationView> of(String userId, boolean unreadOnly, int page, int size) {
        Bson filter = unreadOnly ? unread(userId) : Filters.eq("user_id", new ObjectId(userId));
        long total = notifications.countDocuments(filter);
        long skip = (long) page * size;
        if (skip >= total) {
            return new PageResponse<>(List.of(), page, size, total);
        }
        List<NotificationView> items = notifications
                .find(filter)
                .sort(Sorts.descending("created_at", "_id"))
                .skip((int) skip)
                .limit(size)
                .map(NotificationReadModel::view)
                .into(new ArrayList<>());
        return new PageResponse<>(items, page, size, total);
    }

    long unreadCount(String userId) {
        return notifications.countDocuments(unread(userId));
    }

    private static Bson unread(String userId) {
        return Filters.and(Filters.eq("user_id", new ObjectId(userId)), Filters.eq("read", false));
    }

    static NotificationView view(Document d) {
        return new NotificationView(
                hex(d.get("_id")),
                hex(d.get("user_id")),
                NotificationType.valueOf(d.getString("type").toUpperCase(Locale.ROOT)),
                d.getString("content"),
                Boolean.TRUE.equals(d.getBoolean("read")),
                instant(d.getDate("created_at")));
    }
}
