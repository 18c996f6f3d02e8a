package io.lms.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.BsonDocument;
import org.bson.BsonType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"a\":1,\"b\":-2147483649,\"c\":9223372036854775807,\"d\":123456789012345678901234567890}",
                "{\"x\":0.1,\"y\":1.0E10,\"z\":-0.0,\"w\":19.990,\"v\":1e5,\"u\":2.5E-12}",
                "{\"s\":\"é \\\"q\\\" \\\\ \\n \\t \\u0001 ✓ 😀\",\"n\":null,\"t\":true,\"f\":false}",
                "{\"nested\":{\"list\":[[1,2],[],[{\"k\":\"v\"}]],\"empty\":{}}}",
                "  {\"spaced\" : [ 1 , 2 ] }  "
            })
    void json_objects_round_trip_to_the_same_meaning(String json) throws Exception {
        BsonDocument document = JsonBson.parseObject(json);
        assertThat(document).isNotNull();
        String back = JsonBson.write(document);
        JsonNode expected = JSON.readTree(json);
        assertThat(JSON.readTree(back)).isEqualTo(expected);
        assertThat(JSON.readTree(back).toString()).isEqualTo(expected.toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"a string\"",
                "[1,2]",
                "42",
                "{\"$type\":\"x\"}",
                "{\"a.b\":1}",
                "{\"\":1}",
                "{\"a\":1,\"a\":2}",
                "{\"a\":-0.00}",
                "{\"a\":1.00000000000000000000000000000000000001}",
                "{\"a\":\"\\ud800\"}",
                "{\"a\":1} trailing",
                "{\"a\":01}",
                "not json",
                "<xml/>"
            })
    void anything_bson_cannot_hold_exactly_stays_text(String json) {
        assertThat(JsonBson.parseObject(json)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"i\":1,\"l\":4294967296,\"d\":0.5,\"m\":0.50}"})
    void numbers_keep_their_kind(String json) {
        BsonDocument document = JsonBson.parseObject(json);
        assertThat(document.get("i").getBsonType()).isEqualTo(BsonType.INT32);
        assertThat(document.get("l").getBsonType()).isEqualTo(BsonType.INT64);
        assertThat(document.get("d").getBsonType()).isEqualTo(BsonType.DOUBLE);
        assertThat(document.get("m").getBsonType()).isEqualTo(BsonType.DECIMAL128);
        assertThat(JsonBson.write(document)).isEqualTo("{\"i\":1,\"l\":4294967296,\"d\":0.5,\"m\":0.50}");
    }
}
