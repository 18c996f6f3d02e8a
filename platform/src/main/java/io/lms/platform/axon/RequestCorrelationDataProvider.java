package io.lms.platform.axon;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Carries who caused a message and the request it belongs to onto every message it causes: an event
 * applied while handling a command gets the command's {@code user_id} and {@code correlation_id}, and the
 * command's id as {@code causation_id}.
 */
public class RequestCorrelationDataProvider implements CorrelationDataProvider {

    public static final String USER_ID = "user_id";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String CAUSATION_ID = "causation_id";

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        Object userId = message.getMetaData().get(USER_ID);
        if (userId != null) {
            data.put(USER_ID, userId);
        }
        Object correlationId = message.getMetaData().get(CORRELATION_ID);
        data.put(CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
        data.put(CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
