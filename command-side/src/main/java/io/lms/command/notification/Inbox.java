package io.lms.command.notification;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lms.api.common.Actor;
import io.lms.api.notification.AllNotificationsMarkedReadEvent;
import io.lms.api.notification.InboxKey;
import io.lms.api.notification.MarkAllNotificationsReadCommand;
import io.lms.api.notification.MarkNotificationReadCommand;
import io.lms.api.notification.NotificationKey;
import io.lms.api.notification.NotificationMarkedReadEvent;
import io.lms.platform.error.DomainException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A user's inbox: the history of their reading of notifications. Notifications themselves are derived from other
 * aggregates' events on the query side; reading them is a change the user makes, so it is a command, decided here
 * and recorded as an event like every other change (replayed, audited, and the same in every rebuilt read model).
 * Only the notification's user marks it: its id carries its owner's tag ({@link NotificationKey}), so the inbox
 * decides from the id alone. The inbox is created by its user's first mark and holds only whose it is.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "aggregateCache")
public class Inbox {

    @AggregateIdentifier
    private String inboxId;

    private String userId;

    protected Inbox() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(MarkNotificationReadCommand command) {
        requireOwnInbox(command.inboxId(), command.userId(), command.actor());
        if (!NotificationKey.belongsTo(command.notificationId(), command.userId())) {
            throw DomainException.forbidden("Only its user marks a notification read");
        }
        apply(new NotificationMarkedReadEvent(command.inboxId(), command.userId(), command.notificationId()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(MarkAllNotificationsReadCommand command) {
        requireOwnInbox(command.inboxId(), command.userId(), command.actor());
        apply(new AllNotificationsMarkedReadEvent(command.inboxId(), command.userId()));
    }

    @EventSourcingHandler
    void on(NotificationMarkedReadEvent event) {
        inboxId = event.inboxId();
        userId = event.userId();
    }

    @EventSourcingHandler
    void on(AllNotificationsMarkedReadEvent event) {
        inboxId = event.inboxId();
        userId = event.userId();
    }

    private void requireOwnInbox(String targetInbox, String owner, Actor actor) {
        if (owner == null
                || !new InboxKey(owner).inboxId().equals(targetInbox)
                || (userId != null && !userId.equals(owner))) {
            throw DomainException.invalid("user_id", "is not the owner of this inbox");
        }
        if (actor == null || !actor.is(owner)) {
            throw DomainException.forbidden("Only its user marks their notifications read");
        }
    }
}
