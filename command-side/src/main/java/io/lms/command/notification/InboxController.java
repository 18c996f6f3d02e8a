package io.lms.command.notification;

import io.lms.api.common.CommandResult;
import io.lms.api.notification.InboxKey;
import io.lms.api.notification.MarkAllNotificationsReadCommand;
import io.lms.api.notification.MarkNotificationReadCommand;
import io.lms.command.web.CommandResponses;
import io.lms.command.web.CommandSender;
import io.lms.platform.error.DomainException;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Marking notifications read, as commands on the caller's inbox. Both answer the inbox's id and version (the
 * version to wait for with {@code min_version}-style reads is the inbox's, not a notification's).
 */
@RestController
class InboxController {

    private final CommandSender commands;
    private final CommandResponses responses;

    InboxController(CommandSender commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    @Access("its user")
    @PostMapping("/api/notifications/{id}/read")
    ResponseEntity<CommandResult> markRead(@PathVariable @ObjectIdValue String id, Caller caller) {
        String inboxId = new InboxKey(caller.actor().userId()).inboxId();
        var command = new MarkNotificationReadCommand(inboxId, caller.userId(), id, caller.actor());
        return responses.ok(commands.send(command, inboxId, caller.userId()).result());
    }

    @Access("self")
    @PostMapping("/api/users/{id}/notifications/read-all")
    ResponseEntity<CommandResult> markAllRead(@PathVariable @ObjectIdValue String id, Caller caller) {
        caller.requireAuthenticated();
        if (!caller.is(id)) {
            throw DomainException.forbidden("Only the user themself marks their notifications read");
        }
        String inboxId = new InboxKey(id).inboxId();
        var command = new MarkAllNotificationsReadCommand(inboxId, id, caller.actor());
        return responses.ok(commands.send(command, inboxId, caller.userId()).result());
    }
}
