package io.lms.command.web;

import io.lms.api.common.CommandResult;
import io.lms.command.axon.CommandOutcome;
import io.lms.platform.axon.RequestCorrelationDataProvider;
import io.lms.platform.error.DomainException;
import io.lms.platform.web.CorrelationIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sends a command for the current request and waits until its events are stored. Sets the metadata that every
 * resulting event carries ({@code user_id}, {@code correlation_id}, {@code causation_id}) once, here.
 */
@Component
public class CommandSender {

    private final CommandGateway gateway;
    private final EventStore eventStore;

    public CommandSender(CommandGateway gateway, EventStore eventStore) {
        this.gateway = gateway;
        this.eventStore = eventStore;
    }

    /** Sends {@code command} on behalf of {@code userId} and answers the aggregate's id and version. */
    public Sent send(Object command, String aggregateId, String userId) {
        String correlationId = correlationId();
        Map<String, Object> metadata = new HashMap<>();
        metadata.put(RequestCorrelationDataProvider.USER_ID, userId);
        metadata.put(RequestCorrelationDataProvider.CORRELATION_ID, correlationId);
        metadata.put(RequestCorrelationDataProvider.CAUSATION_ID, correlationId);
        Object answer = gateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metadata)));
        CommandOutcome outcome = (CommandOutcome) answer;
        long version = outcome.version() != null
                ? outcome.version()
                : eventStore
                        .lastSequenceNumberFor(aggregateId)
                        .orElseThrow(() -> DomainException.notFound("resource", aggregateId));
        return new Sent(new CommandResult(aggregateId, version), outcome.result());
    }

    /** The stored outcome of a command, and the handler's own answer (a quiz score, say). */
    public record Sent(CommandResult result, Object handlerResult) {}

    private static String correlationId() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            HttpServletRequest request = servlet.getRequest();
            return CorrelationIdFilter.current(request);
        }
        return java.util.UUID.randomUUID().toString();
    }
}
