package io.lms.command.course;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentEditedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.Price;
import io.lms.api.course.Section;
import io.lms.api.course.Topic;
import io.lms.platform.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.types.ObjectId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How large a course gets before loading it slows a command. A command on a course that is not cached loads its
 * latest snapshot (taken every 50 events) and at most 49 events after it; this measures exactly that, with the
 * platform's serializers and 20,000-character transcripts, and the curriculum check over every item. It asserts
 * what the snapshot holds and prints the time (docs/courses.md has the figures); timings are not asserted in tests.
 */
class CourseSizeTest {

    private static final String COURSE = "6b06eb3caa76f936f62db700";
    private static final String TEACHER = "6b06eb3caa76f936f62db6f1";
    private static final String TRANSCRIPT = "words of a long transcript ".repeat(740);

    private final JacksonSerializer snapshots =
            JacksonSerializer.builder().objectMapper(Json.stateMapper()).build();
    private final JacksonSerializer events =
            JacksonSerializer.builder().objectMapper(Json.eventMapper()).build();

    @ParameterizedTest
    @ValueSource(ints = {100, 500, 2_000})
    void a_course_snapshot_keeps_only_ids_types_and_titles_of_its_items_and_reloads_them_all(int items) {
        Course course = new Course();
        course.on(new CourseCreatedEvent(
                COURSE,
                TEACHER,
                new CourseDetails(
                        "Big course",
                        "big-course",
                        "d".repeat(20_000),
                        "programming",
                        List.of(),
                        CourseLevel.BEGINNER,
                        List.of(),
                        List.of(),
                        new Price(BigDecimal.ONE, "EUR"))));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            String id = new ObjectId().toHexString();
            ids.add(id);
            course.on(new ContentAddedEvent(
                    COURSE,
                    id,
                    TEACHER,
                    "Big course",
                    CourseStatus.DRAFT,
                    ContentType.VIDEO,
                    new ContentFields("Lesson number " + i, "", i, null, TRANSCRIPT, null, null, null)));
        }
        SerializedObject<byte[]> snapshot = snapshots.serialize(course, byte[].class);
        List<SerializedObject<byte[]>> tail = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            tail.add(events.serialize(
                    new ContentEditedEvent(
                            COURSE,
                            ids.get(i),
                            TEACHER,
                            "Big course",
                            CourseStatus.DRAFT,
                            ContentType.VIDEO,
                            "Lesson " + i,
                            new ContentFields("Lesson " + i, null, null, null, TRANSCRIPT, null, null, null)),
                    byte[].class));
        }
        List<Topic> curriculum = List.of(new Topic(
                "All",
                List.of(new Section("All", List.of(), ids.subList(0, Math.min(items, CourseRules.MAX_VIDEOS))))));

        long best = Long.MAX_VALUE;
        for (int round = 0; round < 15; round++) {
            long start = System.nanoTime();
            Course loaded = snapshots.deserialize(snapshot);
            for (SerializedObject<byte[]> event : tail) {
                loaded.on((ContentEditedEvent) events.deserialize(event));
            }
            Set<String> known = new HashSet<>(ids);
            CourseRules.curriculum(curriculum, known::contains);
            best = Math.min(best, System.nanoTime() - start);
            assertThat(loaded.contentCount()).isEqualTo(items);
        }
        double millis = best / 1_000_000.0;
        System.out.printf(
                "course with %d items: snapshot %d KiB, snapshot + 49 events with 20k transcripts loaded and checked in %.1f ms%n",
                items, snapshot.getData().length / 1024, millis);
        assertThat(snapshot.getData().length).isLessThan(items * 200 + 2_000);
    }
}
