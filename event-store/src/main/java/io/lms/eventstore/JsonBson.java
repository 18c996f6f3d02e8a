package io.lms.eventstore;

import org.bson.BsonDocument;

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
 *
 * <p>This class is the entry point; {@link JsonBsonParser} reads, {@link JsonBsonWriter} writes. Concurrency:
 * stateless.
 */
final class JsonBson {

    static final int MAX_DEPTH = 90;

    private JsonBson() {}

    /** The object as a BSON document, or {@code null} when it must be stored as text. */
    static BsonDocument parseObject(String json) {
        if (json == null) {
            return null;
        }
        JsonBsonParser parser = new JsonBsonParser(json);
        try {
            parser.skipWhitespace();
            if (!parser.peek('{')) {
                return null;
            }
            BsonDocument document = parser.readObject(0);
            parser.skipWhitespace();
            return parser.atEnd() ? document : null;
        } catch (JsonBsonParser.NotRepresentable e) {
            return null;
        }
    }

    /** Compact JSON text for a document written by {@link #parseObject(String)}. */
    static String write(BsonDocument document) {
        return JsonBsonWriter.write(document);
    }
}
