package io.lms.query.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import org.bson.BsonValue;

/**
 * An event's payload as stored, serialized by {@link StoredJsonWriter} straight from its BSON when the response is
 * written: no JSON text or tree is made of it on the way.
 */
final class StoredJson extends JsonSerializable.Base {

    private final BsonValue stored;
    private final StoredJsonWriter writer;

    StoredJson(BsonValue stored, StoredJsonWriter writer) {
        this.stored = stored;
        this.writer = writer;
    }

    @Override
    public void serialize(JsonGenerator out, SerializerProvider serializers) throws IOException {
        writer.write(stored, out);
    }

    @Override
    public void serializeWithType(JsonGenerator out, SerializerProvider serializers, TypeSerializer typeSerializer)
            throws IOException {
        serialize(out, serializers);
    }
}
