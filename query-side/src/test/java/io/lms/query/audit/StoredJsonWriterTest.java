package io.lms.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lms.platform.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The streaming writer writes every stored payload exactly as the tree conversion it replaced did (BSON to JSON
 * text, parsed, secrets removed, written again; kept in {@link TreeReference}): same field names and order, same
 * digits, same secrets dropped.
 */
class StoredJsonWriterTest {

    private static final ObjectMapper MAPPER = Json.eventMapper();

    private final StoredJsonWriter writer = new StoredJsonWriter(Json.eventMapper());
    private final TreeReference reference = new TreeReference(Json.eventMapper());

    static List<BsonValue> payloads() {
        List<BsonValue> payloads = new ArrayList<>();
        payloads.add(BsonDocument.parse("{title: 'Intro', 'é \"quoted\"\\n': 'ünïcode \\u0001', empty: {}, none: []}"));
        payloads.add(new BsonDocument("int", new BsonInt32(-7))
                .append("long", new BsonInt64(9_007_199_254_740_993L))
                .append("smallLong", new BsonInt64(5))
                .append("minLong", new BsonInt64(Long.MIN_VALUE))
                .append("price", new BsonDecimal128(Decimal128.parse("19.990")))
                .append("thousand", new BsonDecimal128(Decimal128.parse("1E+3")))
                .append("tiny", new BsonDecimal128(Decimal128.parse("-0.000001")))
                .append("decimalNaN", new BsonDecimal128(Decimal128.NaN))
                .append("decimalInfinity", new BsonDecimal128(Decimal128.NEGATIVE_INFINITY))
                .append("double", new BsonDouble(19.99))
                .append("whole", new BsonDouble(3.0))
                .append("large", new BsonDouble(1.0e10))
                .append("huge", new BsonDouble(1.7976931348623157e308))
                .append("small", new BsonDouble(1.0e-7))
                .append("negativeZero", new BsonDouble(-0.0))
                .append("nan", new BsonDouble(Double.NaN))
                .append("infinity", new BsonDouble(Double.POSITIVE_INFINITY))
                .append("yes", BsonBoolean.TRUE)
                .append("nothing", BsonNull.VALUE));
        payloads.add(new BsonDocument("at", new BsonDateTime(1_700_000_000_123L))
                .append("wholeSecond", new BsonDateTime(1_700_000_000_000L))
                .append("before1970", new BsonDateTime(-86_400_000L))
                .append("farFuture", new BsonDateTime(253_402_300_800_000L))
                .append("id", new BsonObjectId(new ObjectId("65a1b2c3d4e5f60718293a4b")))
                .append("bytes", new BsonBinary(new byte[] {1, 2, 3})));
        payloads.add(
                BsonDocument.parse("{username: 'a', password: 'p', Password: 'P', credentials: {password_hash: 'h',"
                        + " hash: 'h2', HASH: 'h3', content_hash: 'h4', hashtags: ['#a'], salt: 's'}, list: [{newPassword: 'q',"
                        + " keep: 1, deeper: [[{hash: 'x', y: 2}]]}, 3, 'text', null], passwordless: true}"));
        payloads.add(new BsonDocument(
                "nested",
                new BsonDocument(
                        "array",
                        new BsonArray(List.of(
                                new BsonInt64(1),
                                new BsonDouble(2.5),
                                new BsonDecimal128(Decimal128.parse("3.10")),
                                new BsonDocument("api_key_hash", new BsonString("k")).append("n", new BsonInt32(4)),
                                new BsonArray(List.of(new BsonDateTime(0), BsonBoolean.FALSE)))))));
        payloads.add(new BsonString("{\"$weird\":1,\"price\":19.990,\"big\":9007199254740993,\"password\":\"p\","
                + "\"inner\":[{\"hash\":\"h\",\"ok\":1.0E10}]}"));
        payloads.add(new BsonString("[1, 2.50, {\"x_hash\": 1}]"));
        payloads.add(new BsonString("{not json"));
        payloads.add(new BsonString("plain text"));
        payloads.add(new BsonInt32(5));
        payloads.add(BsonNull.VALUE);
        payloads.add(null);
        return payloads;
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void a_payload_is_written_as_the_tree_conversion_wrote_it(BsonValue payload) throws Exception {
        String expected = MAPPER.writeValueAsString(reference.json(payload));

        String written = MAPPER.writeValueAsString(new StoredJson(payload, writer));

        assertThat(written).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("payloads")
    void no_secret_field_is_written(BsonValue payload) throws Exception {
        String written = MAPPER.writeValueAsString(new StoredJson(payload, writer));

        assertThat(written)
                .doesNotContainIgnoringCase("password\"")
                .doesNotContainIgnoringCase("\"hash\"")
                .doesNotContain("_hash\"");
    }
}
