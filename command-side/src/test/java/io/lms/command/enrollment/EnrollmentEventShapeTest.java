package io.lms.command.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.api.enrollment.ContentProgressRecordedEvent;
import io.lms.api.enrollment.ProgressStatus;
import io.lms.api.enrollment.QuizAttemptedEvent;
import io.lms.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * The stored JSON of the enrollment events the query side reads most: fixtures of revision 1 read back and are
 * written exactly as stored (see {@code StoredEventShapeTest} for why this is a contract).
 */
class EnrollmentEventShapeTest {

    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(Json.eventMapper()).build();
    private final ObjectMapper plain = new ObjectMapper();

    @Test
    void enrollment_events_of_revision_1_read_back_and_are_written_as_stored() throws IOException {
        for (Class<?> type :
                List.of(QuizAttemptedEvent.class, ContentProgressRecordedEvent.class, CertificateIssuedEvent.class)) {
            String name = type.getSimpleName() + "-1.json";
            Object event = read(name, type);

            assertThat(plain.readTree(serializer.serialize(event, String.class).getData()))
                    .as(name)
                    .isEqualTo(plain.readTree(fixture(name)));
        }
        QuizAttemptedEvent attempt = read("QuizAttemptedEvent-1.json", QuizAttemptedEvent.class);
        assertThat(attempt.bestScore()).isEqualTo(100.0);
        assertThat(attempt.answers()).containsExactly(1, 1);
        ContentProgressRecordedEvent progress =
                read("ContentProgressRecordedEvent-1.json", ContentProgressRecordedEvent.class);
        assertThat(progress.status()).isEqualTo(ProgressStatus.STARTED);
        assertThat(progress.contentProgress()).isEqualTo(40);
    }

    private <T> T read(String name, Class<T> type) throws IOException {
        return serializer.deserialize(new SimpleSerializedObject<>(
                fixture(name), String.class, new SimpleSerializedType(type.getName(), "1")));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = EnrollmentEventShapeTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
