package io.lms.command.course;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.CurriculumReplacedEvent;
import io.lms.api.course.Price;
import io.lms.api.course.Section;
import io.lms.api.course.Topic;
import io.lms.platform.json.Json;
import java.math.BigDecimal;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** Snapshots are the aggregate itself, serialized by Jackson: its private state must survive, and stay small. */
class CourseSnapshotTest {

    private static final String COURSE = "6b06eb3caa76f936f62db700";
    private static final String VIDEO = "6b06eb3caa76f936f62db710";

    @Test
    void a_course_snapshot_round_trips_and_leaves_transcripts_out() {
        Course course = new Course();
        course.on(new CourseCreatedEvent(
                COURSE,
                "6b06eb3caa76f936f62db6f1",
                new CourseDetails(
                        "Intro",
                        "intro",
                        "Some text",
                        "programming",
                        List.of(),
                        CourseLevel.BEGINNER,
                        List.of(),
                        List.of(),
                        new Price(new BigDecimal("1.00"), "EUR"))));
        course.on(new ContentAddedEvent(
                COURSE,
                VIDEO,
                "6b06eb3caa76f936f62db6f1",
                "Intro",
                CourseStatus.DRAFT,
                ContentType.VIDEO,
                new ContentFields("Welcome", "", 0, null, "a very long transcript ".repeat(1000), null, null, null)));
        course.on(new CurriculumReplacedEvent(
                COURSE,
                "6b06eb3caa76f936f62db6f1",
                "Intro",
                List.of(new Topic("T", List.of(new Section("S", List.of("a"), List.of(VIDEO)))))));
        course.on(new CoursePublishedEvent(COURSE, "6b06eb3caa76f936f62db6f1", "Intro"));
        JacksonSerializer serializer =
                JacksonSerializer.builder().objectMapper(Json.stateMapper()).build();

        SerializedObject<String> snapshot = serializer.serialize(course, String.class);
        Course restored = serializer.deserialize(snapshot);

        assertThat(restored).usingRecursiveComparison().isEqualTo(course);
        assertThat(restored.status()).isEqualTo(CourseStatus.PUBLISHED);
        assertThat(restored.contentCount()).isEqualTo(1);
        assertThat(snapshot.getData()).doesNotContain("transcript").hasSizeLessThan(1000);
    }
}
