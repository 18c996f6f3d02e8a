package io.lms.command.forum;

import static io.lms.command.forum.ForumFixture.COURSE;
import static io.lms.command.forum.ForumFixture.OTHER_COURSE;
import static io.lms.command.forum.ForumFixture.STUDENT;
import static io.lms.command.forum.ForumFixture.TEACHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentReenrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Membership as the event store tells it: the course's first event, the enrollment's last status event. */
class EventStoreForumMembershipTest {

    private static final String ENROLLMENT = new EnrollmentKey(STUDENT.userId(), COURSE).enrollmentId();

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final EventStoreForumMembership membership = new EventStoreForumMembership(store);
    private long sequence;

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void the_instructor_is_the_one_who_created_the_course() {
        store.publish(new GenericDomainEventMessage<>(
                "Course",
                COURSE,
                0,
                new CourseCreatedEvent(
                        COURSE, TEACHER.userId(), new CourseDetails("T", "t", "", "c", null, null, null, null, null))));

        assertThat(membership.courseInstructor(COURSE)).contains(TEACHER.userId());
        assertThat(membership.courseInstructor(OTHER_COURSE)).isEmpty();
    }

    @Test
    void an_enrollment_is_active_after_enrolling_and_after_reenrolling_but_not_after_unenrolling() {
        assertThat(membership.isActivelyEnrolled(STUDENT.userId(), COURSE)).isFalse();

        append(new StudentEnrolledEvent(ENROLLMENT, STUDENT.userId(), COURSE, TEACHER.userId(), "T"));
        assertThat(membership.isActivelyEnrolled(STUDENT.userId(), COURSE)).isTrue();

        append(new StudentUnenrolledEvent(ENROLLMENT, STUDENT.userId(), COURSE, TEACHER.userId()));
        assertThat(membership.isActivelyEnrolled(STUDENT.userId(), COURSE)).isFalse();

        append(new StudentReenrolledEvent(ENROLLMENT, STUDENT.userId(), COURSE, TEACHER.userId(), "T", 0));
        assertThat(membership.isActivelyEnrolled(STUDENT.userId(), COURSE)).isTrue();
        assertThat(membership.isActivelyEnrolled(STUDENT.userId(), OTHER_COURSE))
                .isFalse();
    }

    private void append(Object event) {
        store.publish(new GenericDomainEventMessage<>("Enrollment", ENROLLMENT, sequence++, event));
    }
}
