package io.lms.api.notification;

import java.time.Instant;

/** A notification as {@code notifications} holds it. */
public record NotificationView(
        String id, String userId, NotificationType type, String content, boolean read, Instant createdAt) {}
