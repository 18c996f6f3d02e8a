package io.lms.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Turns a stored event document of the {@code events} collection into an {@link AuditEvent}.
 *
 * <p>Payload and metadata are stored as embedded documents when the serialized JSON fits BSON exactly, and as the
 * serialized text otherwise (see docs/event-store.md, "Serialization"); both come out as the JSON that was
 * serialized. Numbers keep their digits (int64 and Decimal128 are written as plain JSON numbers). A field whose name
 * speaks of a password or a hash is dropped wherever it occurs: no event carries one by design, and this keeps it so
 * should one ever be added by mistake.
 */
final class StoredEventReader {

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

    StoredEventReader(ObjectMapper mapper) {
        // decimals keep their digits and their scale (19.990 stays 19.990), as the event store keeps them
        this.mapper = mapper.copy()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    AuditEvent read(BsonDocument stored) {
        JsonNode metadata = json(stored.get("metaData"));
        String aggregateType = stored.containsKey("aggregateType")
                ? stored.getString("aggregateType").getValue()
                : null;
        AuditedAggregateType known = aggregateType == null ? null : AuditedAggregateType.fromStored(aggregateType);
        return new AuditEvent(
                stored.getInt64("_id").getValue(),
                stored.getString("eventId").getValue(),
                known != null ? known.apiName() : aggregateType,
                text(stored, "aggregateId"),
                stored.containsKey("sequenceNumber")
                        ? stored.getInt64("sequenceNumber").getValue()
                        : null,
                EventTypes.simpleName(stored.getString("payloadType").getValue()),
                text(stored, "payloadRevision"),
                Instant.ofEpochMilli(stored.getDateTime("timestamp").getValue()),
                json(stored.get("payload")),
                new AuditEvent.Metadata(
                        text(metadata, "user_id"), text(metadata, "correlation_id"), text(metadata, "causation_id")));
    }

    private JsonNode json(BsonValue stored) {
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
            array.forEach(StoredEventReader::withoutSecrets);
        }
        return node;
    }

    static boolean isSecret(String fieldName) {
        String name = fieldName.toLowerCase(Locale.ROOT);
        return name.contains("password") || name.equals("hash") || name.endsWith("_hash");
    }

    private static String text(BsonDocument document, String field) {
        BsonValue value = document.get(field);
        return value != null && value.isString() ? value.asString().getValue() : null;
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
