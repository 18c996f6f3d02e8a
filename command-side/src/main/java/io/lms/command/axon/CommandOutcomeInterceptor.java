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
 * Lets every command answer with the version its aggregate reached: the handler's result is wrapped in a
 * {@link CommandOutcome} holding a {@link CommandOutcome.LastApplied} of the command's unit of work, into which the
 * event bus's dispatch interceptor notes each event as it is stored. (The bus intercepts when the unit of work
 * prepares its commit, after the handler returned: a version read right after the handler would always be missing,
 * and the sender would look the version up in the event store, two probing queries per command.)
 */
public class CommandOutcomeInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final String LAST_APPLIED = CommandOutcomeInterceptor.class.getName() + ".lastApplied";

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandOutcome.LastApplied lastApplied =
                unitOfWork.root().getOrComputeResource(LAST_APPLIED, key -> new CommandOutcome.LastApplied());
        Object result = chain.proceed();
        if (result instanceof CommandOutcome) {
            // the interceptor may sit twice in the chain (registered here and found as a bean): wrap only once
            return result;
        }
        return new CommandOutcome(result, lastApplied);
    }

    MessageDispatchInterceptor<EventMessage<?>> appliedEventsRecorder() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
                    List<? extends EventMessage<?>> messages) {
                return (index, message) -> {
                    if (message instanceof DomainEventMessage<?> domain
                            && CurrentUnitOfWork.isStarted()
                            && CurrentUnitOfWork.get().root().getResource(LAST_APPLIED)
                                    instanceof CommandOutcome.LastApplied lastApplied) {
                        lastApplied.record(domain.getAggregateIdentifier(), domain.getSequenceNumber());
                    }
                    return message;
                };
            }
        };
    }
}
