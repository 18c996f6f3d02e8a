package io.lms.api.notification;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The user of {@code inboxId} has read one of their notifications. */
public record MarkNotificationReadCommand(
        @TargetAggregateIdentifier String inboxId, String userId, String notificationId, Actor actor) {}
