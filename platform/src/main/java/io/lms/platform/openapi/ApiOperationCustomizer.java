package io.lms.platform.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Adds to every operation who may call it ({@link Access}, as {@code x-access} and in the description) and the
 * problem+json refusals its signature allows ({@link ProblemResponses}).
 */
class ApiOperationCustomizer implements GlobalOperationCustomizer {

    static final String ACCESS_EXTENSION = "x-access";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Access access = handler.getMethodAnnotation(Access.class);
        if (access != null) {
            operation.addExtension(ACCESS_EXTENSION, access.value());
            String who = "Who may call it: " + access.value() + ".";
            operation.setDescription(
                    operation.getDescription() == null ? who : operation.getDescription() + "\n\n" + who);
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        for (Map.Entry<Integer, String> refusal : ProblemResponses.of(handler).entrySet()) {
            responses.putIfAbsent(String.valueOf(refusal.getKey()), problem(refusal.getValue()));
        }
        operation.setResponses(responses);
        return operation;
    }

    private static ApiResponse problem(String description) {
        Schema<?> schema = new Schema<>().$ref("#/components/schemas/" + OpenApiConfiguration.PROBLEM_SCHEMA);
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                new MediaType().schema(schema)));
    }
}
