package io.lms.query.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Writes a stored payload or metadata value of the {@code events} collection as the JSON that was serialized,
 * straight from its BSON to a {@link JsonGenerator}, dropping every field named like a password or a hash at any
 * depth as it goes. Numbers keep their digits: int32 and int64 as integers, Decimal128 with its scale (19.990),
 * doubles as their shortest decimal ({@code Double.toString}); a non-finite number becomes text.
 *
 * <p>Payloads are stored as embedded documents when the serialized JSON fits BSON exactly, and as the serialized
 * text otherwise (see docs/event-store.md, "Serialization"): text is parsed, as it is rare. Other BSON types (a
 * date, an object id: no event serializes one) are written as MongoDB's relaxed extended JSON.
 */
final class StoredJsonWriter {

    private static final JsonWriterSettings PLAIN_NUMBERS = JsonWriterSettings.builder()
            .outputMode(JsonMode.RELAXED)
            .int64Converter((value, writer) -> writer.writeNumber(Long.toString(value)))
            .build();

    private final ObjectMapper mapper;

    StoredJsonWriter(ObjectMapper mapper) {
        // decimals keep their digits and their scale (19.990 stays 19.990), as the event store keeps them
        this.mapper = mapper.copy()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    /** Writes a stored payload: a document, the serialized text, or (missing) null. */
    void write(BsonValue stored, JsonGenerator out) throws IOException {
        if (stored == null || stored.isNull()) {
            out.writeNull();
        } else if (stored.isDocument()) {
            writeDocument(stored.asDocument(), out);
        } else if (stored.isString()) {
            mapper.writeTree(out, parseText(stored.asString().getValue()));
        } else {
            out.writeString(stored.toString());
        }
    }

    /** The stored text as JSON without secrets, or as a JSON string when it is not JSON. */
    JsonNode parseText(String text) {
        if (!text.startsWith("{") && !text.startsWith("[")) {
            return TextNode.valueOf(text);
        }
        try {
            return withoutSecrets(mapper.readTree(text));
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }

    private void writeDocument(BsonDocument document, JsonGenerator out) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, BsonValue> field : document.entrySet()) {
            if (!isSecret(field.getKey())) {
                out.writeFieldName(field.getKey());
                writeValue(field.getValue(), out);
            }
        }
        out.writeEndObject();
    }

    private void writeValue(BsonValue value, JsonGenerator out) throws IOException {
        switch (value.getBsonType()) {
            case DOCUMENT -> writeDocument(value.asDocument(), out);
            case ARRAY -> {
                out.writeStartArray();
                for (BsonValue element : value.asArray()) {
                    writeValue(element, out);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString(value.asString().getValue());
            case INT32 -> out.writeNumber(value.asInt32().getValue());
            case INT64 -> out.writeNumber(value.asInt64().getValue());
            case DOUBLE -> writeDouble(value.asDouble().getValue(), out);
            case DECIMAL128 -> {
                if (value.asDecimal128().getValue().isFinite()) {
                    out.writeNumber(value.asDecimal128().getValue().bigDecimalValue());
                } else {
                    out.writeString(value.asDecimal128().getValue().toString());
                }
            }
            case BOOLEAN -> out.writeBoolean(value.asBoolean().getValue());
            case NULL -> out.writeNull();
            default -> mapper.writeTree(out, extendedJson(value));
        }
    }

    private static void writeDouble(double value, JsonGenerator out) throws IOException {
        if (Double.isFinite(value)) {
            // as a decimal of the shortest digits that give the double back (1.0E10 reads as 1.0E+10)
            out.writeNumber(new BigDecimal(Double.toString(value)));
        } else {
            out.writeString(Double.toString(value));
        }
    }

    /** A value of another BSON type, as relaxed extended JSON (a date as {"$date": "…"}). */
    private JsonNode extendedJson(BsonValue value) {
        try {
            return withoutSecrets(mapper.readTree(new BsonDocument("v", value).toJson(PLAIN_NUMBERS))
                    .get("v"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored value did not give JSON back", e);
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
            array.forEach(StoredJsonWriter::withoutSecrets);
        }
        return node;
    }

    static boolean isSecret(String fieldName) {
        String name = fieldName.toLowerCase(Locale.ROOT);
        return name.contains("password") || name.equals("hash") || name.endsWith("_hash");
    }
}
