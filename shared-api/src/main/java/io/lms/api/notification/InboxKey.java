package io.lms.api.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Inbox aggregate of a user, which records their marking of notifications as read. Its id is derived from the
 * user's id (not the user's id itself, which is the User aggregate's: two aggregates cannot share a stream).
 */
public record InboxKey(String userId) {

    /** The first 12 bytes of SHA-256 over {@code inbox:<userId>}, in lower-case hex, shaped like an ObjectId. */
    public String inboxId() {
        return HexFormat.of().formatHex(sha256("inbox:" + userId), 0, 12);
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
