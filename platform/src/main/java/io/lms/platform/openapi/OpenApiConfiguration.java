package io.lms.platform.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lms.platform.security.Caller;
import io.lms.platform.security.PublicEndpoints;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of each service at {@code /v3/api-docs} and Swagger UI at {@code /swagger-ui.html}, both
 * readable without a token. Everything the document says beyond what springdoc reads from the controllers comes
 * from two global customizers, so that a new endpoint is documented by being written: {@link ApiOperationCustomizer}
 * (roles, problem responses) and {@link ApiSecurityCustomizer} (the bearer scheme where a token is needed).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    public static final String BEARER_SCHEME = "bearer-jwt";
    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String FIELD_ERROR_SCHEMA = "FieldError";

    static {
        // the caller comes from the bearer token, not from parameters of the request
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    PublicEndpoints apiDocumentationEndpoints() {
        return PublicEndpoints.of(
                PublicEndpoints.get("/v3/api-docs"),
                PublicEndpoints.get("/v3/api-docs/**"),
                PublicEndpoints.get("/v3/api-docs.yaml"),
                PublicEndpoints.get("/swagger-ui.html"),
                PublicEndpoints.get("/swagger-ui/**"));
    }

    /** Schemas with the names and enum values of the JSON on the wire (snake_case, lower-case enums). */
    @Bean
    ModelResolver snakeCaseModelResolver(ObjectMapper mapper) {
        return new ModelResolver(mapper);
    }

    @Bean
    OpenAPI lmsOpenApi(@Value("${spring.application.name}") String service) {
        return new OpenAPI()
                .info(new Info()
                        .title("LMS " + service)
                        .version("1")
                        .description("Roles per operation are in its description and in x-access. Errors are "
                                + "application/problem+json (RFC 9457) with type urn:lms:problem:<code>."))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER_SCHEME,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("An access token from POST /api/auth/token or "
                                                + "POST /api/auth/refresh on the command side"))
                        .addSchemas(PROBLEM_SCHEMA, ProblemSchema.problem())
                        .addSchemas(FIELD_ERROR_SCHEMA, ProblemSchema.fieldError()));
    }

    @Bean
    ApiOperationCustomizer apiOperationCustomizer() {
        return new ApiOperationCustomizer();
    }

    @Bean
    LowerCaseEnums lowerCaseEnums() {
        return new LowerCaseEnums();
    }

    @Bean
    ApiSecurityCustomizer apiSecurityCustomizer(List<PublicEndpoints> publicEndpoints) {
        return new ApiSecurityCustomizer(publicEndpoints);
    }
}
