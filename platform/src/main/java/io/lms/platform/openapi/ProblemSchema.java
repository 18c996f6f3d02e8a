package io.lms.platform.openapi;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;

/** The schema of the platform's problem details (io.lms.platform.error.Problems), written once for the document. */
final class ProblemSchema {

    private ProblemSchema() {}

    static Schema<?> problem() {
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .required(List.of("type", "title", "status"))
                .addProperty("type", new StringSchema().example("urn:lms:problem:validation-failed"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty(
                        "errors",
                        new ArraySchema()
                                .items(new Schema<>()
                                        .$ref("#/components/schemas/" + OpenApiConfiguration.FIELD_ERROR_SCHEMA)));
    }

    static Schema<?> fieldError() {
        return new ObjectSchema()
                .required(List.of("field", "message"))
                .addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema());
    }
}
