package io.lms.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.common.Role;
import io.lms.api.user.Profile;
import io.lms.api.user.UserRegisteredEvent;
import io.lms.api.user.UserRoleChangedEvent;
import io.lms.platform.json.Json;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** Snapshots are the aggregate itself, serialized by Jackson: its private fields must survive the round trip. */
class UserSnapshotTest {

    @Test
    void a_user_snapshot_round_trips_its_private_state() {
        User user = new User();
        user.on(new UserRegisteredEvent(
                "6b06eb3caa76f936f62db6fc", "alice", "alice@example.com", Role.STUDENT, new Profile("A", "B", null)));
        user.on(new UserRoleChangedEvent("6b06eb3caa76f936f62db6fc", Role.INSTRUCTOR, Role.STUDENT));
        JacksonSerializer serializer =
                JacksonSerializer.builder().objectMapper(Json.stateMapper()).build();

        SerializedObject<String> snapshot = serializer.serialize(user, String.class);
        User restored = serializer.deserialize(snapshot);

        assertThat(snapshot.getData()).contains("\"username\":\"alice\"").contains("\"role\":\"instructor\"");
        assertThat(restored).usingRecursiveComparison().isEqualTo(user);
        assertThat(restored.role()).isEqualTo(Role.INSTRUCTOR);
    }
}
