package io.lms.platform.catalogue;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.lms.platform.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.axonframework.serialization.Revision;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;

/**
 * Writes {@code docs/event-catalogue.md} from the event classes of {@code shared-api}: every event type (the stored
 * type is its class name), its {@code @Revision}, and its fields as the event serializer ({@link Json#eventMapper})
 * writes them, with the records and enums they use. {@link EventCatalogueTest} fails when the committed file differs.
 */
public final class EventCatalogue {

    static final String EVENT_PACKAGE = "io.lms.api";
    static final Path FILE = Path.of("docs", "event-catalogue.md");

    private final ObjectMapper mapper = Json.eventMapper();
    private final Map<String, Class<?>> nested = new TreeMap<>();

    /** Writes the catalogue under the project directory given as the argument (default: the working directory). */
    public static void main(String[] args) throws IOException {
        Path project = Path.of(args.length > 0 ? args[0] : ".");
        Files.writeString(project.resolve(FILE), new EventCatalogue().render(), StandardCharsets.UTF_8);
    }

    /** Every class named {@code ...Event} under {@code io.lms.api}, by package and name. */
    static List<Class<?>> eventTypes() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*Event")));
        List<Class<?>> types = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(EVENT_PACKAGE)) {
            try {
                types.add(Class.forName(candidate.getBeanClassName()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        types.sort((a, b) -> a.getName().compareTo(b.getName()));
        return types;
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("# Event catalogue\n\n")
                .append(
                        "Generated from `shared-api` by `EventCatalogue` (platform, test scope); `EventCatalogueTest` fails\n")
                .append("when this file differs from what it generates. To regenerate:\n\n")
                .append("```sh\n./mvnw -B -o -q -pl platform -am verify -Dtest=EventCatalogueTest ")
                .append("-Dsurefire.failIfNoSpecifiedTests=false -Dlms.catalogue.write=true\n```\n\n")
                .append(
                        "Each event is stored with its class name as `payloadType`, its revision as `payloadRevision`, and\n")
                .append(
                        "its fields as a JSON object in snake_case. Fields of a primitive JSON type other than `string` are\n")
                .append(
                        "never null unless marked `or null`; strings, arrays and objects may be null. How to read them:\n")
                .append(
                        "[event store](event-store.md#collections-fields-indexes); older revisions and their upcasters:\n")
                .append("[audit trail](audit.md#upcasters).\n");
        String currentPackage = null;
        for (Class<?> event : eventTypes()) {
            if (!event.getPackageName().equals(currentPackage)) {
                currentPackage = event.getPackageName();
                out.append("\n## `").append(currentPackage).append("`\n\n");
                out.append("| event | revision | fields |\n| --- | --- | --- |\n");
            }
            Revision revision = event.getAnnotation(Revision.class);
            out.append("| `")
                    .append(event.getSimpleName())
                    .append("` | ")
                    .append(revision == null ? "none" : revision.value())
                    .append(" | ")
                    .append(fields(event))
                    .append(" |\n");
        }
        renderNested(out);
        return out.toString();
    }

    /** The records and enums the events use (and those they use), by name. */
    private void renderNested(StringBuilder out) {
        Map<String, String> rendered = new TreeMap<>();
        while (rendered.size() < nested.size()) {
            for (Map.Entry<String, Class<?>> entry : new TreeMap<>(nested).entrySet()) {
                Class<?> type = entry.getValue();
                rendered.computeIfAbsent(
                        entry.getKey(),
                        name -> type.isEnum() ? "string: " + enumValues(type) : "object: " + fields(type));
            }
        }
        out.append("\n## Types used in events\n\n| type | JSON |\n| --- | --- |\n");
        rendered.forEach((name, json) ->
                out.append("| `").append(name).append("` | ").append(json).append(" |\n"));
    }

    private String fields(Class<?> type) {
        List<BeanPropertyDefinition> properties = mapper.getSerializationConfig()
                .introspect(mapper.constructType(type))
                .findProperties();
        if (properties.isEmpty()) {
            return "—";
        }
        return properties.stream()
                .map(p -> "`" + p.getName() + "` " + jsonType(p.getPrimaryType(), true))
                .collect(Collectors.joining(", "));
    }

    /** The JSON type of values of {@code type}; {@code or null} for a field whose boxed number or flag may be absent. */
    private String jsonType(JavaType type, boolean field) {
        String nullable = field ? " or null" : "";
        Class<?> raw = type.getRawClass();
        if (type.isCollectionLikeType() || type.isArrayType()) {
            return "array of " + jsonType(type.getContentType(), false);
        }
        if (type.isMapLikeType()) {
            return "object of " + jsonType(type.getContentType(), false);
        }
        if (raw == String.class || raw == char.class || raw == Character.class) {
            return "string";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return raw.isPrimitive() ? "boolean" : "boolean" + nullable;
        }
        if (raw == int.class || raw == long.class || raw == short.class || raw == byte.class) {
            return "integer";
        }
        if (raw == Integer.class || raw == Long.class || raw == Short.class || raw == BigInteger.class) {
            return "integer" + nullable;
        }
        if (raw == double.class || raw == float.class) {
            return "number";
        }
        if (raw == Double.class || raw == Float.class || raw == BigDecimal.class) {
            return "number" + nullable;
        }
        if (Temporal.class.isAssignableFrom(raw)) {
            return "string (ISO-8601)";
        }
        nested.put(raw.getSimpleName(), raw);
        return "`" + raw.getSimpleName() + "`";
    }

    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> "`" + ((Enum<?>) c).name().toLowerCase(Locale.ROOT) + "`")
                .collect(Collectors.joining(" \\| "));
    }
}
