package io.lms.command.enrollment;

import static io.lms.command.enrollment.EnrollingTest.quizAttempted;
import static io.lms.command.enrollment.EnrollingTest.videoCompleted;
import static io.lms.command.enrollment.EnrollmentFixtures.ENROLLED;
import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.enrollment.EnrollmentStatus;
import io.lms.platform.json.Json;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** Snapshots are the aggregate itself, serialized by Jackson: its private state must survive. */
class EnrollmentSnapshotTest {

    @Test
    void an_enrollment_snapshot_round_trips() {
        Enrollment enrollment = new Enrollment();
        enrollment.on(ENROLLED);
        enrollment.on(videoCompleted());
        enrollment.on(quizAttempted(2));
        JacksonSerializer serializer =
                JacksonSerializer.builder().objectMapper(Json.stateMapper()).build();

        SerializedObject<String> snapshot = serializer.serialize(enrollment, String.class);
        Enrollment restored = serializer.deserialize(snapshot);

        assertThat(restored).usingRecursiveComparison().isEqualTo(enrollment);
        assertThat(restored.status()).isEqualTo(EnrollmentStatus.ACTIVE);
    }
}
