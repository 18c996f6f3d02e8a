package io.lms.platform.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The JSON shapes of the platform, pinned in code rather than in Spring properties: the stored form of
 * events is a contract with auditors and analysts, and must not change when someone tunes the web layer.
 */
public final class Json {

    /** ISO-8601 UTC with exactly three fraction digits, as the REST contract writes dates. */
    public static final DateTimeFormatter INSTANT_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Json() {}

    /** Events and messages: snake_case fields, lower-case enums, ISO dates; unknown fields are tolerated so that an older reader can read a newer event. */
    public static ObjectMapper eventMapper() {
        return JsonMapper.builder()
                // a record's components (its fields) are its stored shape; helper methods such as isEmpty() are not
                .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                .visibility(PropertyAccessor.GETTER, Visibility.NONE)
                .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
                .addModule(new JavaTimeModule())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(EnumFeature.WRITE_ENUMS_TO_LOWERCASE, true)
                .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true)
                .build();
    }

    /**
     * Snapshots, tracking tokens and sagas: like events, but fields are read and written directly, so that an
     * aggregate's private state round-trips without getters.
     */
    public static ObjectMapper stateMapper() {
        ObjectMapper mapper = eventMapper();
        mapper.setVisibility(PropertyAccessor.ALL, Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, Visibility.ANY);
        return mapper;
    }

    /** Writes an {@link Instant} as {@link #INSTANT_FORMAT}. */
    public static SimpleModule restDatesModule() {
        SimpleModule module = new SimpleModule("lms-rest-dates");
        module.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(INSTANT_FORMAT.format(value));
            }
        });
        return module;
    }
}
