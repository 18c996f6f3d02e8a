package io.lms.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.query.support.VersionedBatch;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;

/**
 * Delivers events to a processing group's handlers as its tracking processor does: batches of {@code size} events,
 * each in one batching unit of work, the group's {@link VersionedBatch} interceptor around each event, every
 * handler that can handle it in turn.
 */
public final class BatchedDelivery {

    private BatchedDelivery() {}

    /** Each event on its own, outside any unit of work: every write is made at once. */
    public static void oneByOne(List<AnnotationEventHandlerAdapter> handlers, List<EventMessage<?>> events) {
        for (EventMessage<?> event : events) {
            for (AnnotationEventHandlerAdapter handler : handlers) {
                try {
                    if (handler.canHandle(event)) {
                        handler.handle(event);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    public static void inBatches(List<AnnotationEventHandlerAdapter> handlers, List<EventMessage<?>> events, int size) {
        for (int from = 0; from < events.size(); from += size) {
            inOneBatch(handlers, events.subList(from, Math.min(events.size(), from + size)));
        }
    }

    public static void inOneBatch(List<AnnotationEventHandlerAdapter> handlers, List<EventMessage<?>> events) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        unitOfWork.executeWithResult(
                () -> new DefaultInterceptorChain<>(unitOfWork, List.of(VersionedBatch.interceptor()), message -> {
                            for (AnnotationEventHandlerAdapter handler : handlers) {
                                if (handler.canHandle(message)) {
                                    handler.handle(message);
                                }
                            }
                            return null;
                        })
                        .proceed(),
                RollbackConfigurationType.ANY_THROWABLE);
        assertThat(unitOfWork.getExecutionResults().values())
                .allSatisfy(result -> assertThat(result.isExceptionResult())
                        .as("%s", result.getExceptionResult())
                        .isFalse());
    }
}
