package io.lms.query.course;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.StudentEnrolledEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the follower awaits and hands over, on Axon's in-memory event store. */
class CourseEventFollowerTest {

    private static final String TEACHER = new ObjectId().toHexString();

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final CourseEventFollower follower = new CourseEventFollower(store);

    @AfterEach
    void tearDown() {
        follower.close();
        store.shutDown();
    }

    @Test
    void a_course_event_at_a_version_already_held_is_not_awaited_but_one_newer_than_held_is()
            throws InterruptedException {
        ObjectId held = new ObjectId();
        ObjectId behind = new ObjectId();
        publishCourseEvent(held, 3);
        publishCourseEvent(behind, 3);
        follower.openAt(null);

        follower.read(id -> id.equals(held) ? 3L : 2L);

        assertThat(follower.awaitedCount()).isEqualTo(1);
        assertThat(follower.passedBy(tokens().get(1))).containsOnlyKeys(behind);
        assertThat(follower.passedBy(tokens().get(1)).get(behind).version()).isEqualTo(3);
    }

    @Test
    void an_enrollment_that_changes_the_courses_figures_is_awaited_whatever_version_is_held()
            throws InterruptedException {
        ObjectId course = new ObjectId();
        String student = new ObjectId().toHexString();
        String enrollment = new EnrollmentKey(student, course.toHexString()).enrollmentId();
        store.publish(new GenericDomainEventMessage<>(
                "Enrollment",
                enrollment,
                0,
                new StudentEnrolledEvent(enrollment, student, course.toHexString(), TEACHER, "C")));
        follower.openAt(null);

        follower.read(id -> Long.MAX_VALUE);

        Map<ObjectId, CourseEventFollower.Awaited> passed = follower.passedBy(tokens().get(0));
        assertThat(passed).containsOnlyKeys(course);
        assertThat(passed.get(course).figures()).isTrue();
    }

    @Test
    void a_course_is_handed_over_only_once_the_projection_has_passed_its_latest_event_and_then_forgotten()
            throws InterruptedException {
        ObjectId course = new ObjectId();
        publishCourseEvent(course, 0);
        publishCourseEvent(course, 1);
        follower.openAt(null);
        follower.read(id -> -1L);

        assertThat(follower.passedBy(tokens().get(0))).isEmpty();
        assertThat(follower.passedBy(tokens().get(1))).containsOnlyKeys(course);

        follower.settled(List.of(course));
        assertThat(follower.awaitsAny()).isFalse();
        assertThat(follower.awaitedCount()).isZero();
    }

    private void publishCourseEvent(ObjectId course, long sequence) {
        String id = course.toHexString();
        store.publish(new GenericDomainEventMessage<>(
                CourseEventFollower.COURSE_AGGREGATE, id, sequence, new CoursePublishedEvent(id, TEACHER, "T")));
    }

    private List<TrackingToken> tokens() {
        List<TrackingToken> tokens = new ArrayList<>();
        try (var stream = store.openStream(null)) {
            while (stream.hasNextAvailable()) {
                tokens.add(stream.nextAvailable().trackingToken());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return tokens;
    }
}
