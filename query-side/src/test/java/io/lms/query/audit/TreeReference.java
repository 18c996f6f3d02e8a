package io.lms.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The audit trail's payload conversion before {@link StoredJsonWriter}: BSON to JSON text, parsed into a tree, secret
 * fields removed from the tree. Kept as the reference the streaming writer must answer alike.
 */
final class TreeReference {

    private static final JsonWriterSettings PLAIN_NUMBERS = JsonWriterSettings.builder()
            .outputMode(JsonMode.RELAXED)
            .int64Converter((value, writer) -> writer.writeNumber(Long.toString(value)))
            .doubleConverter((value, writer) -> {
                if (Double.isFinite(value)) {
                    writer.writeNumber(Double.toString(value));
                } else {
                    writer.writeString(Double.toString(value));
                }
            })
            .decimal128Converter((value, writer) -> {
                if (value.isFinite()) {
                    writer.writeNumber(value.bigDecimalValue().toString());
                } else {
                    writer.writeString(value.toString());
                }
            })
            .build();

    private final ObjectMapper mapper;

    TreeReference(ObjectMapper mapper) {
        // decimals keep their digits and their scale (19.990 stays 19.990), as the event store keeps them
        this.mapper = mapper.copy()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    JsonNode json(BsonValue stored) {
        if (stored == null || stored.isNull()) {
            return mapper.nullNode();
        }
        JsonNode node;
        if (stored.isDocument()) {
            node = parse(stored.asDocument().toJson(PLAIN_NUMBERS));
        } else if (stored.isString()) {
            String text = stored.asString().getValue();
            node = text.startsWith("{") || text.startsWith("[") ? parseOrText(text) : TextNode.valueOf(text);
        } else {
            node = TextNode.valueOf(stored.toString());
        }
        return withoutSecrets(node);
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored document did not give JSON back", e);
        }
    }

    private JsonNode parseOrText(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    /** Drops every field named like a password or a hash, at any depth. */
    static JsonNode withoutSecrets(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (isSecret(field.getKey())) {
                    fields.remove();
                } else {
                    withoutSecrets(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(TreeReference::withoutSecrets);
        }
        return node;
    }

    static boolean isSecret(String fieldName) {
        String name = fieldName.toLowerCase(Locale.ROOT);
        return name.contains("password") || name.equals("hash") || name.endsWith("_hash");
    }
}
