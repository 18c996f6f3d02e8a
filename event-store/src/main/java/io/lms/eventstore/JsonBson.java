package io.lms.eventstore;

import java.math.BigDecimal;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Turns serialized JSON text into an embedded BSON document and back, such that the JSON read back means exactly
 * what was written: same keys in the same order, same strings, same numbers (integers stay integers, a decimal
 * literal that {@link Double#toString(double)} reproduces becomes a BSON double, any other decimal literal becomes a
 * Decimal128 that keeps its digits and scale).
 *
 * <p>Anything that BSON cannot hold exactly makes {@link #parseObject(String)} answer {@code null}, and the caller
 * keeps the text as a plain string instead: a top-level value that is not an object, field names that are empty,
 * start with {@code $}, contain {@code .} or NUL, repeated field names, integers or decimals beyond Decimal128's 34
 * digits, negative zero written as a decimal that is not a double, unpaired surrogates, nesting deeper than
 * {@value #MAX_DEPTH}, or malformed JSON.
 */
final class JsonBson {

    static final int MAX_DEPTH = 90;

    private JsonBson() {}

    /** The object as a BSON document, or {@code null} when it must be stored as text. */
    static BsonDocument parseObject(String json) {
        if (json == null) {
            return null;
        }
        Parser parser = new Parser(json);
        try {
            parser.skipWhitespace();
            if (!parser.peek('{')) {
                return null;
            }
            BsonDocument document = parser.readObject(0);
            parser.skipWhitespace();
            return parser.atEnd() ? document : null;
        } catch (NotRepresentable e) {
            return null;
        }
    }

    /** Compact JSON text for a document written by {@link #parseObject(String)}. */
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

    /** Thrown (without a stack trace) when the text is malformed or BSON cannot hold it exactly. */
    private static final class NotRepresentable extends RuntimeException {
        private static final NotRepresentable INSTANCE = new NotRepresentable();

        private NotRepresentable() {
            super(null, null, false, false);
        }
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw NotRepresentable.INSTANCE;
            }
            pos++;
        }

        BsonDocument readObject(int depth) {
            if (depth > MAX_DEPTH) {
                throw NotRepresentable.INSTANCE;
            }
            expect('{');
            BsonDocument document = new BsonDocument();
            skipWhitespace();
            if (peek('}')) {
                pos++;
                return document;
            }
            while (true) {
                skipWhitespace();
                String key = readString();
                if (key.isEmpty() || key.charAt(0) == '$' || key.indexOf('.') >= 0 || key.indexOf('\0') >= 0) {
                    throw NotRepresentable.INSTANCE;
                }
                skipWhitespace();
                expect(':');
                skipWhitespace();
                BsonValue value = readValue(depth);
                if (document.put(key, value) != null) {
                    throw NotRepresentable.INSTANCE;
                }
                skipWhitespace();
                if (peek(',')) {
                    pos++;
                } else {
                    expect('}');
                    return document;
                }
            }
        }

        private BsonArray readArray(int depth) {
            if (depth > MAX_DEPTH) {
                throw NotRepresentable.INSTANCE;
            }
            expect('[');
            BsonArray array = new BsonArray();
            skipWhitespace();
            if (peek(']')) {
                pos++;
                return array;
            }
            while (true) {
                skipWhitespace();
                array.add(readValue(depth));
                skipWhitespace();
                if (peek(',')) {
                    pos++;
                } else {
                    expect(']');
                    return array;
                }
            }
        }

        private BsonValue readValue(int depth) {
            if (atEnd()) {
                throw NotRepresentable.INSTANCE;
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> readObject(depth + 1);
                case '[' -> readArray(depth + 1);
                case '"' -> new BsonString(readString());
                case 't' -> literal("true", BsonBoolean.TRUE);
                case 'f' -> literal("false", BsonBoolean.FALSE);
                case 'n' -> literal("null", BsonNull.VALUE);
                default -> readNumber();
            };
        }

        private BsonValue literal(String word, BsonValue value) {
            if (!text.startsWith(word, pos)) {
                throw NotRepresentable.INSTANCE;
            }
            pos += word.length();
            return value;
        }

        private String readString() {
            expect('"');
            StringBuilder out = null;
            int start = pos;
            while (true) {
                if (atEnd()) {
                    throw NotRepresentable.INSTANCE;
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    String result = out == null ? text.substring(start, pos) : out.toString();
                    pos++;
                    checkSurrogates(result);
                    return result;
                }
                if (c < 0x20) {
                    throw NotRepresentable.INSTANCE;
                }
                if (c == '\\') {
                    if (out == null) {
                        out = new StringBuilder(text.substring(start, pos));
                    }
                    pos++;
                    if (atEnd()) {
                        throw NotRepresentable.INSTANCE;
                    }
                    char e = text.charAt(pos);
                    switch (e) {
                        case '"', '\\', '/' -> out.append(e);
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'u' -> {
                            if (pos + 4 >= text.length()) {
                                throw NotRepresentable.INSTANCE;
                            }
                            try {
                                out.append((char) Integer.parseInt(text.substring(pos + 1, pos + 5), 16));
                            } catch (NumberFormatException ex) {
                                throw NotRepresentable.INSTANCE;
                            }
                            pos += 4;
                        }
                        default -> throw NotRepresentable.INSTANCE;
                    }
                    pos++;
                } else {
                    if (out != null) {
                        out.append(c);
                    }
                    pos++;
                }
            }
        }

        private static void checkSurrogates(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        throw NotRepresentable.INSTANCE;
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    throw NotRepresentable.INSTANCE;
                }
            }
        }

        private BsonValue readNumber() {
            int start = pos;
            if (peek('-')) {
                pos++;
            }
            int intStart = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            int intDigits = pos - intStart;
            if (intDigits == 0 || (intDigits > 1 && text.charAt(intStart) == '0')) {
                throw NotRepresentable.INSTANCE;
            }
            boolean integral = true;
            if (peek('.')) {
                integral = false;
                pos++;
                int fracStart = pos;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                if (pos == fracStart) {
                    throw NotRepresentable.INSTANCE;
                }
            }
            if (peek('e') || peek('E')) {
                integral = false;
                pos++;
                if (peek('+') || peek('-')) {
                    pos++;
                }
                int expStart = pos;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                if (pos == expStart) {
                    throw NotRepresentable.INSTANCE;
                }
            }
            String literal = text.substring(start, pos);
            if (integral) {
                try {
                    long value = Long.parseLong(literal);
                    if (value == 0 && literal.startsWith("-")) {
                        // "-0" reads back as 0; fine for integers, but keep the text to stay exact
                        throw NotRepresentable.INSTANCE;
                    }
                    return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE
                            ? new BsonInt32((int) value)
                            : new BsonInt64(value);
                } catch (NumberFormatException tooBig) {
                    return decimal(literal);
                }
            }
            double d;
            try {
                d = Double.parseDouble(literal);
            } catch (NumberFormatException e) {
                throw NotRepresentable.INSTANCE;
            }
            if (Double.isFinite(d) && Double.toString(d).equals(literal)) {
                return new BsonDouble(d);
            }
            return decimal(literal);
        }

        private static BsonValue decimal(String literal) {
            BigDecimal exact = new BigDecimal(literal);
            if (exact.signum() == 0 && literal.startsWith("-")) {
                throw NotRepresentable.INSTANCE;
            }
            try {
                Decimal128 decimal = new Decimal128(exact);
                if (!decimal.bigDecimalValue().equals(exact)) {
                    throw NotRepresentable.INSTANCE;
                }
                return new BsonDecimal128(decimal);
            } catch (NumberFormatException | ArithmeticException e) {
                throw NotRepresentable.INSTANCE;
            }
        }
    }
}
