package io.lms.command.enrollment;

import static io.lms.command.enrollment.EnrollmentFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.course.ContentType;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.command.enrollment.CourseFacts.QuizKey;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Course facts read from the Course aggregate's history in the event store, only what is new each time. */
class EventSourcedCourseFactsTest {

    /** Records from which sequence number each read of an aggregate's events starts. */
    private static final class RecordingEngine extends InMemoryEventStorageEngine {
        final List<Long> readsFrom = new ArrayList<>();

        @Override
        public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            readsFrom.add(firstSequenceNumber);
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }
    }

    private final RecordingEngine engine = new RecordingEngine();
    private final EmbeddedEventStore store =
            EmbeddedEventStore.builder().storageEngine(engine).build();
    private final EventSourcedCourseFacts facts = new EventSourcedCourseFacts(store, 100);
    private long next;

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    private void store(Object... events) {
        for (Object event : events) {
            store.publish(new GenericDomainEventMessage<>("Course", COURSE, next++, event));
        }
    }

    @Test
    void a_course_with_no_events_is_not_found() {
        assertThat(facts.find(COURSE)).isEmpty();
    }

    @Test
    void the_facts_are_folded_from_the_courses_events() {
        store(CREATED, added(VIDEO, ContentType.VIDEO), added(QUIZ, ContentType.QUIZ));

        CourseFacts found = facts.find(COURSE).orElseThrow();

        assertThat(found.status()).isEqualTo(CourseStatus.DRAFT);
        assertThat(found.item(QUIZ).quiz()).containsExactly(new QuizKey(3, 1), new QuizKey(2, 0));
    }

    @Test
    void a_later_lookup_reads_only_the_events_stored_since_and_sees_them() {
        store(CREATED, added(VIDEO, ContentType.VIDEO));
        facts.find(COURSE);
        store(new CoursePublishedEvent(COURSE, TEACHER.userId(), TITLE));

        CourseFacts found = facts.find(COURSE).orElseThrow();
        facts.find(COURSE);

        assertThat(found.status()).isEqualTo(CourseStatus.PUBLISHED);
        assertThat(engine.readsFrom).containsExactly(0L, 2L, 3L);
    }

    @Test
    void a_snapshot_of_the_course_never_stands_in_for_its_events() {
        store(CREATED, added(QUIZ, ContentType.QUIZ));
        store.storeSnapshot(new GenericDomainEventMessage<>("Course", COURSE, 1, "the Course aggregate's state"));

        CourseFacts found = facts.find(COURSE).orElseThrow();

        assertThat(found.item(QUIZ).quiz()).containsExactly(new QuizKey(3, 1), new QuizKey(2, 0));
    }
}
