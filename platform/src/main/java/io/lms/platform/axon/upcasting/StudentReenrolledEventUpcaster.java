package io.lms.platform.axon.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lms.api.enrollment.StudentReenrolledEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code StudentReenrolledEvent} revision 1 to 2: the recomputed course progress was stored as {@code progress},
 * while {@code ContentProgressRecordedEvent} and {@code QuizAttemptedEvent} call the same figure
 * {@code course_progress}; revision 2 uses that name. Stored documents stay as written (the audit trail shows them
 * so); the rename happens as the event store reads them, for aggregates and for every tracking processor.
 */
@Component
@Order(1)
public class StudentReenrolledEventUpcaster extends SingleEventUpcaster {

    static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(StudentReenrolledEvent.class.getName(), "1");
    static final SimpleSerializedType REVISION_2 =
            new SimpleSerializedType(StudentReenrolledEvent.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, StudentReenrolledEventUpcaster::renameProgress);
    }

    private static JsonNode renameProgress(JsonNode payload) {
        if (payload instanceof ObjectNode object && object.has("progress") && !object.has("course_progress")) {
            object.set("course_progress", object.remove("progress"));
        }
        return payload;
    }
}
