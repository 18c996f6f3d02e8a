package io.lms.eventstore;

import java.math.BigDecimal;
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
 * Parses JSON text into BSON values such that BSON holds exactly what the text says (see {@link JsonBson} for the
 * rules); anything it cannot hold exactly throws {@link NotRepresentable}, and the caller keeps the text.
 *
 * <p>Invariant: a value is returned only when {@link JsonBsonWriter} writes it back as text of the same meaning.
 * Concurrency: one parser per text, used by one thread.
 */
final class JsonBsonParser {

    /** Thrown (without a stack trace) when the text is malformed or BSON cannot hold it exactly. */
    static final class NotRepresentable extends RuntimeException {
        private static final NotRepresentable INSTANCE = new NotRepresentable();

        private NotRepresentable() {
            super(null, null, false, false);
        }
    }

    private final String text;
    private int pos;

    JsonBsonParser(String text) {
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
        if (depth > JsonBson.MAX_DEPTH) {
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
        if (depth > JsonBson.MAX_DEPTH) {
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
