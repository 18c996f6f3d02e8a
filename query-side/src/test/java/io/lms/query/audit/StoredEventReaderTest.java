package io.lms.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.lms.platform.json.Json;
import java.time.Instant;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class StoredEventReaderTest {

    private final StoredEventReader reader = new StoredEventReader(Json.eventMapper());

    /** The payload as the audit trail writes it, read back as a tree (decimals as written). */
    private static JsonNode payload(AuditEvent event) throws Exception {
        ObjectMapper mapper = Json.eventMapper()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        return mapper.readTree(mapper.writeValueAsString(event.payload()));
    }

    private static BsonDocument stored(BsonDocument payload) {
        return new BsonDocument("_id", new BsonInt64(42))
                .append("eventId", new BsonString("e-1"))
                .append("aggregateKey", new BsonString("c1#0000000000000000003"))
                .append("aggregateId", new BsonString("c1"))
                .append("aggregateType", new BsonString("Course"))
                .append("sequenceNumber", new BsonInt64(3))
                .append("timestamp", new BsonDateTime(1_700_000_000_123L))
                .append("payloadType", new BsonString("io.lms.api.course.CourseEditedEvent"))
                .append("payloadRevision", new BsonString("2"))
                .append("payload", payload)
                .append(
                        "metaData",
                        BsonDocument.parse("{user_id: 'u1', correlation_id: 'r1', causation_id: 'c9', other: 'x'}"));
    }

    @Test
    void a_stored_event_reads_as_the_api_shape_with_the_simple_type_and_the_api_aggregate_type() throws Exception {
        AuditEvent event = reader.read(stored(BsonDocument.parse("{title: 'Intro'}")));

        assertThat(event.position()).isEqualTo(42);
        assertThat(event.eventId()).isEqualTo("e-1");
        assertThat(event.aggregateType()).isEqualTo("course");
        assertThat(event.aggregateId()).isEqualTo("c1");
        assertThat(event.sequenceNumber()).isEqualTo(3);
        assertThat(event.type()).isEqualTo("CourseEditedEvent");
        assertThat(event.revision()).isEqualTo("2");
        assertThat(event.timestamp()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(payload(event).get("title").asText()).isEqualTo("Intro");
        assertThat(event.metadata()).isEqualTo(new AuditEvent.Metadata("u1", "r1", "c9"));
    }

    @Test
    void int64_and_decimal128_numbers_keep_their_digits() throws Exception {
        BsonDocument payload = new BsonDocument("big", new BsonInt64(9_007_199_254_740_993L))
                .append("price", new BsonDecimal128(Decimal128.parse("19.990")));

        JsonNode read = payload(reader.read(stored(payload)));

        assertThat(read.get("big").isIntegralNumber()).isTrue();
        assertThat(read.get("big").asText()).isEqualTo("9007199254740993");
        assertThat(read.get("price").decimalValue().toPlainString()).isEqualTo("19.990");
    }

    @Test
    void the_driver_bytes_decode_as_the_document_does_skipping_fields_the_envelope_does_not_name() throws Exception {
        BsonDocument document = stored(BsonDocument.parse("{title: 'Intro', parts: [1, {n: 2}]}"));
        document.put("other", BsonDocument.parse("{nested: {deep: [1, 2]}, text: 'x'}"));
        document.put("aggregateId", new BsonInt64(7));
        RawBsonDocument bytes = new RawBsonDocument(document, new BsonDocumentCodec());

        AuditEvent decoded =
                reader.decode(bytes.asBsonReader(), DecoderContext.builder().build());
        AuditEvent read = reader.read(document);

        assertThat(decoded.aggregateId()).isNull();
        assertThat(decoded).usingRecursiveComparison().ignoringFields("payload").isEqualTo(read);
        assertThat(payload(decoded)).isEqualTo(payload(read));
    }

    @Test
    void metadata_stored_as_text_gives_its_ids() throws Exception {
        BsonDocument document = stored(new BsonDocument());
        document.put("metaData", new BsonString("{\"user_id\":\"u2\",\"correlation_id\":\"r2\",\"causation_id\":7}"));

        assertThat(reader.read(document).metadata()).isEqualTo(new AuditEvent.Metadata("u2", "r2", null));
    }

    @Test
    void a_payload_stored_as_text_reads_as_the_json_it_holds() throws Exception {
        BsonDocument document = stored(new BsonDocument());
        document.put("payload", new BsonString("{\"$weird\":1}"));

        assertThat(payload(reader.read(document)).get("$weird").asInt()).isEqualTo(1);
    }

    @Test
    void fields_named_like_a_password_or_a_hash_are_dropped_at_any_depth() throws Exception {
        BsonDocument payload = BsonDocument.parse(
                "{username: 'a', password: 'p', credentials: {password_hash: 'h', hash: 'h2', salt: 's'},"
                        + " list: [{newPassword: 'q', keep: 1}]}");

        JsonNode read = payload(reader.read(stored(payload)));

        assertThat(read.toString())
                .isEqualTo("{\"username\":\"a\",\"credentials\":{\"salt\":\"s\"},\"list\":[{\"keep\":1}]}");
    }
}
