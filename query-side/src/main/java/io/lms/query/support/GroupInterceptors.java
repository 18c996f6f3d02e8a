package io.lms.query.support;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.stereotype.Component;

/**
 * Every processing group's handler interceptors, from the {@link GroupInterceptor} beans: the live processors get
 * them through {@link GroupInterceptorsConfiguration}, and a replay processor asks {@link #create} for its group's.
 * (A live processor's own {@code getHandlerInterceptors()} would not do for a replay: it also holds the
 * interceptors Axon adds for that processor, such as its segment's.)
 */
@Component
public class GroupInterceptors {

    private final List<GroupInterceptor> declared;

    public GroupInterceptors(List<GroupInterceptor> declared) {
        this.declared = List.copyOf(declared);
    }

    /** New interceptors for one processor of {@code group}, in the order they are declared. */
    public List<MessageHandlerInterceptor<EventMessage<?>>> create(String group) {
        return declared.stream()
                .filter(interceptor -> interceptor.group().equals(group))
                .map(interceptor -> interceptor.factory().get())
                .toList();
    }

    List<GroupInterceptor> declared() {
        return declared;
    }
}
