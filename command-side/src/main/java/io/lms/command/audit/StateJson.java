package io.lms.command.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lms.platform.json.Json;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * An aggregate's state as JSON: its fields as a snapshot stores them (every instance field by its snake_case name,
 * enums in lower case; static and transient fields are not state), with dates as the REST contract writes them, and
 * parts packed for snapshots (a forum's post table) rendered readably. Any field named like a password or a hash is
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

    static boolean isSecret(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("password") || lower.equals("hash") || lower.endsWith("_hash");
    }
}
