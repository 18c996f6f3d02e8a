package io.lms.platform.openapi;

import io.lms.platform.security.PublicEndpoints;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.List;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Declares the bearer scheme on every operation, decided by the same {@link PublicEndpoints} that the security
 * filter chain reads: required where the chain needs a token; optional ({@code [{}, {bearer}]}) where it lets
 * anonymous callers through but a token may show more (a course's drafts to its owner); none where the operation
 * is the same for anyone ({@link Access#ANYONE}: sign-up, sign-in).
 */
class ApiSecurityCustomizer implements GlobalOpenApiCustomizer {

    private final List<PublicEndpoints.Endpoint> publicEndpoints;

    ApiSecurityCustomizer(List<PublicEndpoints> publicEndpoints) {
        this.publicEndpoints =
                publicEndpoints.stream().flatMap(p -> p.endpoints().stream()).toList();
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            SecurityRequirement bearer = new SecurityRequirement().addList(OpenApiConfiguration.BEARER_SCHEME);
            if (!isPublic(method, path)) {
                operation.setSecurity(List.of(bearer));
            } else if (!forAnyone(operation)) {
                operation.setSecurity(List.of(new SecurityRequirement(), bearer));
            }
        }));
    }

    private static boolean forAnyone(Operation operation) {
        return operation.getExtensions() != null
                && Access.ANYONE.equals(operation.getExtensions().get(ApiOperationCustomizer.ACCESS_EXTENSION));
    }

    private boolean isPublic(PathItem.HttpMethod method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return publicEndpoints.stream()
                .anyMatch(e -> e.method().equals(HttpMethod.valueOf(method.name()))
                        && PathPatternParser.defaultInstance.parse(e.pattern()).matches(container));
    }
}
