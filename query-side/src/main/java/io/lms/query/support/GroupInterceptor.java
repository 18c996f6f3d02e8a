package io.lms.query.support;

import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * A handler interceptor of one processing group, declared as a bean: {@link GroupInterceptors} puts a new one from
 * {@code factory} on the group's live processor and on every replay processor of the group, so that both handle
 * events alike. Only the group's own interceptors are declared this way, never a processor's internal ones.
 */
public record GroupInterceptor(String group, Supplier<MessageHandlerInterceptor<EventMessage<?>>> factory) {

    /** The group writes through {@link VersionedBatch}: one bulk write per collection and batch of events. */
    public static GroupInterceptor writesInBatches(String group) {
        return new GroupInterceptor(group, VersionedBatch::interceptor);
    }
}
