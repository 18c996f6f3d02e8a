package io.lms.command.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lms.api.common.Role;
import io.lms.api.user.Profile;
import io.lms.api.user.UserRegisteredEvent;
import io.lms.api.user.UserRoleChangedEvent;
import io.lms.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * The stored JSON of events is a contract with auditors, analysts and every future version of this code. These
 * fixtures are payloads as they are stored at revision 1: a change to the serializer's settings or to an event's
 * shape that would make them unreadable, or that would write them differently, fails here first.
 */
class StoredEventShapeTest {

    private final JacksonSerializer serializer =
            JacksonSerializer.builder().objectMapper(Json.eventMapper()).build();
    private final ObjectMapper plain = new ObjectMapper();

    @Test
    void a_stored_registration_of_revision_1_reads_back() throws IOException {
        UserRegisteredEvent event = read("UserRegisteredEvent-1.json", UserRegisteredEvent.class, "1");

        assertThat(event)
                .isEqualTo(new UserRegisteredEvent(
                        "6b06eb3caa76f936f62db6fc",
                        "alice",
                        "Alice@Example.com",
                        Role.STUDENT,
                        new Profile("Alice A", null, null)));
    }

    @Test
    void a_registration_is_written_exactly_as_stored_before() throws IOException {
        UserRegisteredEvent event = read("UserRegisteredEvent-1.json", UserRegisteredEvent.class, "1");

        SerializedObject<String> written = serializer.serialize(event, String.class);

        assertThat(plain.readTree(written.getData())).isEqualTo(plain.readTree(fixture("UserRegisteredEvent-1.json")));
        assertThat(written.getType().getName()).isEqualTo("io.lms.api.user.UserRegisteredEvent");
        assertThat(written.getType().getRevision()).isEqualTo("1");
    }

    @Test
    void a_role_change_round_trips_with_lower_case_roles() throws IOException {
        UserRoleChangedEvent event = read("UserRoleChangedEvent-1.json", UserRoleChangedEvent.class, "1");

        assertThat(event.role()).isEqualTo(Role.AUDITOR);
        assertThat(plain.readTree(serializer.serialize(event, String.class).getData()))
                .isEqualTo(plain.readTree(fixture("UserRoleChangedEvent-1.json")));
    }

    @Test
    void course_events_of_revision_1_read_back_and_are_written_as_stored() throws IOException {
        for (var type : java.util.List.of(
                io.lms.api.course.CourseCreatedEvent.class, io.lms.api.course.ContentAddedEvent.class)) {
            String name = type.getSimpleName() + "-1.json";
            Object event = read(name, type, "1");

            assertThat(plain.readTree(serializer.serialize(event, String.class).getData()))
                    .as(name)
                    .isEqualTo(plain.readTree(fixture(name)));
        }
        var created = read("CourseCreatedEvent-1.json", io.lms.api.course.CourseCreatedEvent.class, "1");
        assertThat(created.details().price().amount()).isEqualByComparingTo("19.90");
        var quiz = read("ContentAddedEvent-1.json", io.lms.api.course.ContentAddedEvent.class, "1");
        assertThat(quiz.fields().quizData().questions().get(0).correctAnswer()).isEqualTo(1);
    }

    @Test
    void a_field_added_by_a_newer_version_does_not_stop_an_older_reader() {
        String newer = "{\"user_id\":\"u\",\"role\":\"admin\",\"previous_role\":\"student\",\"reason\":\"promoted\"}";

        UserRoleChangedEvent event = serializer.deserialize(new SimpleSerializedObject<>(
                newer, String.class, new SimpleSerializedType(UserRoleChangedEvent.class.getName(), "1")));

        assertThat(event.role()).isEqualTo(Role.ADMIN);
    }

    private <T> T read(String name, Class<T> type, String revision) throws IOException {
        return serializer.deserialize(new SimpleSerializedObject<>(
                fixture(name), String.class, new SimpleSerializedType(type.getName(), revision)));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = StoredEventShapeTest.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
