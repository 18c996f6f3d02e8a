package io.lms.api.notification;

import org.axonframework.serialization.Revision;

/** The user marked one of their notifications read. */
@Revision("1")
public record NotificationMarkedReadEvent(String inboxId, String userId, String notificationId) {}
