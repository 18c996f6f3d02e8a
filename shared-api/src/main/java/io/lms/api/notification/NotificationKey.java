package io.lms.api.notification;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The id of the notification that {@code cause} (one event, e.g. {@code forum_reply:<post id>}) gives
 * {@code userId}: the same for every replay and redelivery of that event, so that each notification is written
 * exactly once. Shaped like an ObjectId: 8 bytes of SHA-256 over cause and user, then 4 bytes that tag the owner
 * (SHA-256 over {@code owner:<userId>}). The tag lets the command side refuse to mark someone else's
 * notification from the id alone, without reading a read model.
 */
public record NotificationKey(String cause, String userId) {

    public String notificationId() {
        byte[] id = new byte[12];
        System.arraycopy(InboxKey.sha256("notification:" + cause + ":" + userId), 0, id, 0, 8);
        System.arraycopy(ownerTag(userId), 0, id, 8, 4);
        return HexFormat.of().formatHex(id);
    }

    /** Whether the notification id carries the owner tag of {@code userId} (a 24-hex id is expected). */
    public static boolean belongsTo(String notificationId, String userId) {
        if (notificationId == null || notificationId.length() != 24 || userId == null) {
            return false;
        }
        byte[] tag;
        try {
            tag = HexFormat.of().parseHex(notificationId, 16, 24);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Arrays.equals(tag, ownerTag(userId));
    }

    private static byte[] ownerTag(String userId) {
        return Arrays.copyOf(InboxKey.sha256("owner:" + userId), 4);
    }
}
