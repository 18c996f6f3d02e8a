package io.lms.command.axon;

import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Lets every command answer with the version its aggregate reached: events applied while a command is handled
 * are noted in its unit of work, and the handler's result is wrapped in a {@link CommandOutcome}.
 */
public class CommandOutcomeInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final String LAST_APPLIED = CommandOutcomeInterceptor.class.getName() + ".lastApplied";

    private record Applied(String aggregateId, long sequenceNumber) {}

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object result = chain.proceed();
        if (result instanceof CommandOutcome) {
            // the interceptor may sit twice in the chain (registered here and found as a bean): wrap only once
            return result;
        }
        Applied applied = unitOfWork.root().getResource(LAST_APPLIED);
        return applied == null
                ? new CommandOutcome(result, null, null)
                : new CommandOutcome(result, applied.aggregateId(), applied.sequenceNumber());
    }

    MessageDispatchInterceptor<EventMessage<?>> appliedEventsRecorder() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
                    List<? extends EventMessage<?>> messages) {
                return (index, message) -> {
                    if (message instanceof DomainEventMessage<?> domain && CurrentUnitOfWork.isStarted()) {
                        CurrentUnitOfWork.get()
                                .root()
                                .resources()
                                .put(
                                        LAST_APPLIED,
                                        new Applied(domain.getAggregateIdentifier(), domain.getSequenceNumber()));
                    }
                    return message;
                };
            }
        };
    }
}
