package io.lms.api.notification;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The user of {@code inboxId} has read every notification they have so far. */
public record MarkAllNotificationsReadCommand(@TargetAggregateIdentifier String inboxId, String userId, Actor actor) {}
