package io.lms.eventstore;

import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Writes a document made by {@link JsonBsonParser} back as compact JSON text with the same meaning (see
 * {@link JsonBson}): keys in order, strings escaped as JSON requires, integers as integers, doubles as
 * {@link Double#toString(double)} writes them, Decimal128 with its digits and scale.
 *
 * <p>Invariant: parsing the text written for a document gives that document again. Concurrency: stateless.
 */
final class JsonBsonWriter {

    private JsonBsonWriter() {}

    static String write(BsonDocument document) {
        StringBuilder out = new StringBuilder(256);
        writeValue(document, out);
        return out.toString();
    }

    private static void writeValue(BsonValue value, StringBuilder out) {
        switch (value.getBsonType()) {
            case DOCUMENT -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, BsonValue> entry : value.asDocument().entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeString(entry.getKey(), out);
                    out.append(':');
                    writeValue(entry.getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                boolean first = true;
                for (BsonValue element : value.asArray()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeValue(element, out);
                }
                out.append(']');
            }
            case STRING -> writeString(value.asString().getValue(), out);
            case INT32 -> out.append(value.asInt32().getValue());
            case INT64 -> out.append(value.asInt64().getValue());
            case DOUBLE -> out.append(Double.toString(value.asDouble().getValue()));
            case DECIMAL128 -> out.append(
                    value.asDecimal128().getValue().bigDecimalValue().toString());
            case BOOLEAN -> out.append(value.asBoolean().getValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException(
                    "a stored payload holds a BSON " + value.getBsonType() + ", which JSON text cannot express");
        }
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        int plain = 0; // the leading characters that need no escape are copied in one go
        while (plain < text.length()) {
            char c = text.charAt(plain);
            if (c < 0x20 || c == '"' || c == '\\') {
                break;
            }
            plain++;
        }
        out.append(text, 0, plain);
        for (int i = plain; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
