package io.lms.platform.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

/**
 * Enum values as the wire has them: the platform's JSON and query parameters write and read enums in lower case
 * ({@code "role": "student"}), while the schema generator lists the Java constants.
 */
class LowerCaseEnums implements GlobalOpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            openApi.getComponents().getSchemas().values().forEach(s -> lowerCase(s, seen));
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(p -> lowerCase(p.getSchema(), seen));
                }
            }));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void lowerCase(Schema schema, Set<Schema<?>> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        List<Object> values = schema.getEnum();
        if (values != null) {
            schema.setEnum(values.stream()
                    .map(v -> v instanceof String s ? s.toLowerCase(Locale.ROOT) : v)
                    .toList());
        }
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null) {
            properties.values().forEach(p -> lowerCase(p, seen));
        }
        lowerCase(schema.getItems(), seen);
        for (List<Schema> group : new List[] {schema.getOneOf(), schema.getAllOf(), schema.getAnyOf()}) {
            if (group != null) {
                group.forEach(s -> lowerCase(s, seen));
            }
        }
    }
}
