package io.lms.command.axon;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandOutcomeInterceptorTest {

    private final CommandOutcomeInterceptor interceptor = new CommandOutcomeInterceptor();
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();

    CommandOutcomeInterceptorTest() {
        eventStore.registerDispatchInterceptor(interceptor.appliedEventsRecorder());
    }

    @AfterEach
    void shutDown() {
        eventStore.shutDown();
    }

    @Test
    void the_outcome_carries_the_aggregate_and_version_of_the_last_event_the_command_stored() throws Exception {
        CommandOutcome outcome = handle(() -> {
            eventStore.publish(new GenericDomainEventMessage<>("Enrollment", "e-1", 0, "enrolled"));
            eventStore.publish(new GenericDomainEventMessage<>("Enrollment", "e-1", 1, "progress"));
            return "handler's answer";
        });

        assertThat(outcome.result()).isEqualTo("handler's answer");
        assertThat(outcome.aggregateId()).isEqualTo("e-1");
        assertThat(outcome.version()).isEqualTo(1L);
    }

    @Test
    void a_command_that_stored_no_event_has_no_version() throws Exception {
        CommandOutcome outcome = handle(() -> null);

        assertThat(outcome.result()).isNull();
        assertThat(outcome.aggregateId()).isNull();
        assertThat(outcome.version()).isNull();
    }

    @Test
    void an_outcome_is_wrapped_once_when_the_interceptor_sits_twice_in_the_chain() throws Exception {
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork =
                new DefaultUnitOfWork<>(GenericCommandMessage.asCommandMessage("command"));
        Object answer = unitOfWork
                .executeWithResult(
                        () -> interceptor.handle(
                                unitOfWork,
                                () -> interceptor.handle(unitOfWork, () -> {
                                    eventStore.publish(
                                            new GenericDomainEventMessage<>("Enrollment", "e-2", 0, "enrolled"));
                                    return "answer";
                                })),
                        RollbackConfigurationType.ANY_THROWABLE)
                .getPayload();

        assertThat(answer).isInstanceOf(CommandOutcome.class);
        assertThat(((CommandOutcome) answer).result()).isEqualTo("answer");
        assertThat(((CommandOutcome) answer).version()).isZero();
    }

    private CommandOutcome handle(java.util.concurrent.Callable<Object> handler) throws Exception {
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork =
                new DefaultUnitOfWork<>(GenericCommandMessage.asCommandMessage("command"));
        return (CommandOutcome) unitOfWork
                .executeWithResult(
                        () -> interceptor.handle(unitOfWork, handler::call), RollbackConfigurationType.ANY_THROWABLE)
                .getPayload();
    }
}
