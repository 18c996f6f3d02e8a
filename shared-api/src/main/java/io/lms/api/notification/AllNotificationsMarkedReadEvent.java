package io.lms.api.notification;

import org.axonframework.serialization.Revision;

/**
 * The user marked read every notification they had at that moment: in the global order of events, those caused
 * by events before this one (a replay therefore marks exactly the same ones).
 */
@Revision("1")
public record AllNotificationsMarkedReadEvent(String inboxId, String userId) {}
