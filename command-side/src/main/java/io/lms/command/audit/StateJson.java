package io.lms.command.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.lms.platform.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * An aggregate's state as JSON: its fields as a snapshot stores them (every instance field by its snake_case name,
 * enums in lower case; static and transient fields are not state), with dates as the REST contract writes them, and
 * parts packed for snapshots (a forum's post table) rendered readably; sets are sorted, so that two versions of
 * one aggregate compare line by line. Any field named like a password or a hash is
 * dropped at any depth, as the audit trail does: no aggregate holds one, and this keeps it so.
 */
@Component
class StateJson {

    private final Map<AuditedAggregate, ObjectMapper> mappers = new EnumMap<>(AuditedAggregate.class);

    StateJson() {
        for (AuditedAggregate aggregate : AuditedAggregate.values()) {
            ObjectMapper mapper = Json.stateMapper();
            mapper.registerModule(Json.restDatesModule());
            mapper.registerModule(aggregate.stateModule());
            mapper.registerModule(new SimpleModule("sorted-sets").addSerializer(new SortedSetSerializer()));
            mappers.put(aggregate, mapper);
        }
    }

    ObjectNode render(AuditedAggregate aggregate, Object root) {
        JsonNode state = mappers.get(aggregate).valueToTree(root);
        dropSecrets(state);
        return (ObjectNode) state;
    }

    private static void dropSecrets(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> secret = new ArrayList<>();
            object.fieldNames().forEachRemaining(name -> {
                if (isSecret(name)) {
                    secret.add(name);
                }
            });
            object.remove(secret);
        }
        node.forEach(StateJson::dropSecrets);
    }

    /** A set in its natural order (it has no other), so that the same state always renders the same. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class SortedSetSerializer extends StdSerializer<Set> {

        SortedSetSerializer() {
            super(Set.class);
        }

        @Override
        public void serialize(Set set, JsonGenerator gen, SerializerProvider provider) throws IOException {
            List items = new ArrayList<>(set);
            if (items.stream().allMatch(Comparable.class::isInstance)) {
                items.sort(null);
            }
            provider.defaultSerializeValue(items, gen);
        }
    }

    static boolean isSecret(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("password") || lower.equals("hash") || lower.endsWith("_hash");
    }
}
