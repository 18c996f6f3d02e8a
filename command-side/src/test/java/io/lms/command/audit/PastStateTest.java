package io.lms.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lms.api.common.Role;
import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseEditedEvent;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.enrollment.ContentProgressRecordedEvent;
import io.lms.api.enrollment.ProgressStatus;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentReenrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.api.forum.ForumCreatedEvent;
import io.lms.api.forum.ForumEditedEvent;
import io.lms.api.forum.ForumPostAddedEvent;
import io.lms.api.forum.ForumPostDeletedEvent;
import io.lms.api.user.Profile;
import io.lms.api.user.UserProfileChangedEvent;
import io.lms.api.user.UserRegisteredEvent;
import io.lms.api.user.UserRoleChangedEvent;
import io.lms.command.audit.AggregateReplay.Replayed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.FixedValueParameterResolver;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The state at version N (or at a moment) is what the aggregate's own event-sourcing handlers made of its first N+1
 * events: one history per audited aggregate type, read back after each of its events.
 */
class PastStateTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final String INSTRUCTOR = "6b06eb3caa76f936f62db6f1";
    private static final String STUDENT = "6b06eb3caa76f936f62db6f2";
    private static final String COURSE = "6b06eb3caa76f936f62db700";
    private static final String ENROLLMENT = "6b06eb3caa76f936f62db701";
    private static final String FORUM = "6b06eb3caa76f936f62db702";
    private static final String POST = "6b06eb3caa76f936f62db703";
    private static final String VIDEO = "6b06eb3caa76f936f62db704";

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private final AggregateReplay replay = new AggregateReplay(store, new InspectedModels());
    private final StateJson json = new StateJson();

    @AfterEach
    void stop() {
        store.shutDown();
    }

    @Test
    void a_course_has_its_old_title_before_the_rename_and_the_new_one_after() {
        store(
                "Course",
                COURSE,
                List.of(
                        new CourseCreatedEvent(COURSE, INSTRUCTOR, details("Intro", "intro", "About it")),
                        new CourseEditedEvent(
                                COURSE, INSTRUCTOR, "Intro to Java", details("Intro to Java", null, null), null),
                        new ContentAddedEvent(
                                COURSE,
                                VIDEO,
                                INSTRUCTOR,
                                "Intro to Java",
                                CourseStatus.DRAFT,
                                ContentType.VIDEO,
                                new ContentFields("Welcome", null, 0, null, null, null, null, null)),
                        new CoursePublishedEvent(COURSE, INSTRUCTOR, "Intro to Java")));

        JsonNode v0 = state(AuditedAggregate.COURSE, COURSE, 0);
        JsonNode v1 = state(AuditedAggregate.COURSE, COURSE, 1);
        JsonNode v2 = state(AuditedAggregate.COURSE, COURSE, 2);
        JsonNode v3 = state(AuditedAggregate.COURSE, COURSE, 3);

        assertThat(v0.get("title").asText()).isEqualTo("Intro");
        assertThat(v0.get("slug").asText()).isEqualTo("intro");
        assertThat(v0.get("status").asText()).isEqualTo("draft");
        assertThat(v0.get("course_id").asText()).isEqualTo(COURSE);
        assertThat(v0.get("instructor_id").asText()).isEqualTo(INSTRUCTOR);
        assertThat(v1.get("title").asText()).isEqualTo("Intro to Java");
        assertThat(v1.get("status").asText()).isEqualTo("draft");
        assertThat(v1.get("content")).isEmpty();
        assertThat(v2.get("content").get(VIDEO).get("type").asText()).isEqualTo("video");
        assertThat(v2.get("content").get(VIDEO).get("title").asText()).isEqualTo("Welcome");
        assertThat(v2.get("status").asText()).isEqualTo("draft");
        assertThat(v3.get("status").asText()).isEqualTo("published");
    }

    @Test
    void at_a_moment_applies_the_events_up_to_it_and_reports_the_last_ones_time() {
        store(
                "Course",
                COURSE,
                List.of(
                        new CourseCreatedEvent(COURSE, INSTRUCTOR, details("Intro", "intro", "About it")),
                        new CourseEditedEvent(
                                COURSE, INSTRUCTOR, "Intro to Java", details("Intro to Java", null, null), null)));

        Replayed<?> between = replay(
                        AuditedAggregate.COURSE, COURSE, e -> !e.getTimestamp().isAfter(T0.plusSeconds(30)))
                .orElseThrow();
        Replayed<?> atTheRename = replay(
                        AuditedAggregate.COURSE, COURSE, e -> !e.getTimestamp().isAfter(T0.plusSeconds(60)))
                .orElseThrow();

        assertThat(between.version()).isZero();
        assertThat(between.asOf()).isEqualTo(T0);
        assertThat(json.render(AuditedAggregate.COURSE, between.root())
                        .get("title")
                        .asText())
                .isEqualTo("Intro");
        assertThat(atTheRename.version()).isEqualTo(1);
        assertThat(atTheRename.asOf()).isEqualTo(T0.plusSeconds(60));
        assertThat(replay(AuditedAggregate.COURSE, COURSE, e -> e.getTimestamp().isBefore(T0)))
                .as("before its first event the course did not exist")
                .isEmpty();
    }

    @Test
    void an_enrollment_is_active_unenrolled_and_active_again_as_its_events_say() {
        store(
                "Enrollment",
                ENROLLMENT,
                List.of(
                        new StudentEnrolledEvent(ENROLLMENT, STUDENT, COURSE, INSTRUCTOR, "Intro"),
                        new StudentUnenrolledEvent(ENROLLMENT, STUDENT, COURSE, INSTRUCTOR),
                        new StudentReenrolledEvent(ENROLLMENT, STUDENT, COURSE, INSTRUCTOR, "Intro", 0.0),
                        completed(POST, 1),
                        completed(VIDEO, 2),
                        completed(FORUM, 3)));

        assertThat(state(AuditedAggregate.ENROLLMENT, ENROLLMENT, 0)
                        .get("status")
                        .asText())
                .isEqualTo("active");
        assertThat(state(AuditedAggregate.ENROLLMENT, ENROLLMENT, 1)
                        .get("status")
                        .asText())
                .isEqualTo("unenrolled");
        JsonNode v2 = state(AuditedAggregate.ENROLLMENT, ENROLLMENT, 2);
        assertThat(v2.get("status").asText()).isEqualTo("active");
        assertThat(v2.get("student_id").asText()).isEqualTo(STUDENT);
        assertThat(v2.get("completed").asBoolean()).isFalse();
        assertThat(v2.get("completed_items")).isEmpty();
        assertThat(state(AuditedAggregate.ENROLLMENT, ENROLLMENT, 5).get("completed_items"))
                .extracting(JsonNode::asText)
                .as("a set, in order")
                .containsExactly(FORUM, POST, VIDEO);
    }

    private static ContentProgressRecordedEvent completed(String contentId, int items) {
        return new ContentProgressRecordedEvent(
                ENROLLMENT,
                STUDENT,
                COURSE,
                contentId,
                ContentType.VIDEO,
                ProgressStatus.COMPLETED,
                100,
                items,
                4,
                25.0 * items);
    }

    @Test
    void a_forums_posts_are_listed_readably_with_their_deleted_flag() {
        store(
                "Forum",
                FORUM,
                List.of(
                        new ForumCreatedEvent(FORUM, COURSE, INSTRUCTOR, INSTRUCTOR, "Questions", "Ask here"),
                        new ForumPostAddedEvent(FORUM, POST, COURSE, STUDENT, "Hello?", null, null, "Questions"),
                        new ForumPostDeletedEvent(FORUM, POST, COURSE, STUDENT, INSTRUCTOR),
                        new ForumEditedEvent(FORUM, COURSE, "Q&A", null)));

        assertThat(state(AuditedAggregate.FORUM, FORUM, 0).get("posts")).isEmpty();
        JsonNode v1 = state(AuditedAggregate.FORUM, FORUM, 1);
        assertThat(v1.get("posts")).hasSize(1);
        assertThat(v1.get("posts").get(0).get("post_id").asText()).isEqualTo(POST);
        assertThat(v1.get("posts").get(0).get("author_id").asText()).isEqualTo(STUDENT);
        assertThat(v1.get("posts").get(0).get("deleted").asBoolean()).isFalse();
        assertThat(state(AuditedAggregate.FORUM, FORUM, 2)
                        .get("posts")
                        .get(0)
                        .get("deleted")
                        .asBoolean())
                .isTrue();
        assertThat(state(AuditedAggregate.FORUM, FORUM, 2).get("title").asText())
                .isEqualTo("Questions");
        assertThat(state(AuditedAggregate.FORUM, FORUM, 3).get("title").asText())
                .isEqualTo("Q&A");
    }

    @Test
    void a_user_has_the_role_and_profile_of_each_version_and_nothing_secret() {
        String user = STUDENT;
        store(
                "User",
                user,
                List.of(
                        new UserRegisteredEvent(user, "alice", "alice@example.com", Role.STUDENT, Profile.EMPTY),
                        new UserProfileChangedEvent(user, new Profile("Alice", "I learn", null)),
                        new UserRoleChangedEvent(user, Role.AUDITOR, Role.STUDENT)));

        JsonNode v0 = state(AuditedAggregate.USER, user, 0);
        JsonNode v1 = state(AuditedAggregate.USER, user, 1);
        JsonNode v2 = state(AuditedAggregate.USER, user, 2);

        assertThat(v0.get("role").asText()).isEqualTo("student");
        assertThat(v0.get("profile").get("full_name").isNull()).isTrue();
        assertThat(v1.get("profile").get("full_name").asText()).isEqualTo("Alice");
        assertThat(v1.get("role").asText()).isEqualTo("student");
        assertThat(v2.get("role").asText()).isEqualTo("auditor");
        List<String> fields = new ArrayList<>();
        v2.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("user_id", "username", "role", "profile");
    }

    @Test
    void an_id_of_another_aggregate_type_or_of_nothing_has_no_state() {
        store(
                "User",
                STUDENT,
                List.of(new UserRegisteredEvent(STUDENT, "bob", "bob@example.com", Role.STUDENT, Profile.EMPTY)));

        assertThat(replay(AuditedAggregate.COURSE, STUDENT, e -> true)).isEmpty();
        assertThat(replay(AuditedAggregate.COURSE, COURSE, e -> true)).isEmpty();
        assertThat(replay(AuditedAggregate.USER, STUDENT, e -> true)).isPresent();
    }

    @Test
    void fields_named_like_a_password_or_a_hash_are_dropped_at_any_depth() {
        assertThat(StateJson.isSecret("password_hash")).isTrue();
        assertThat(StateJson.isSecret("newPassword")).isTrue();
        assertThat(StateJson.isSecret("hash")).isTrue();
        assertThat(StateJson.isSecret("content_hash")).isTrue();
        assertThat(StateJson.isSecret("hashtags")).isFalse();
        assertThat(StateJson.isSecret("title")).isFalse();
    }

    private JsonNode state(AuditedAggregate aggregate, String id, long version) {
        Replayed<?> replayed =
                replay(aggregate, id, e -> e.getSequenceNumber() <= version).orElseThrow();
        assertThat(replayed.version()).isEqualTo(version);
        return json.render(aggregate, replayed.root());
    }

    private Optional<? extends Replayed<?>> replay(
            AuditedAggregate aggregate, String id, Predicate<DomainEventMessage<?>> applied) {
        return replay.replay(aggregate.type(), id, applied);
    }

    /** The events of one aggregate, a minute apart from {@link #T0}, appended as the repository would. */
    private void store(String type, String id, List<Object> payloads) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            events.add(new GenericDomainEventMessage<>(
                    type,
                    id,
                    i,
                    payloads.get(i),
                    MetaData.emptyInstance(),
                    java.util.UUID.randomUUID().toString(),
                    T0.plusSeconds(60L * i)));
        }
        store.publish(events);
    }

    private static CourseDetails details(String title, String slug, String description) {
        return new CourseDetails(title, slug, description, null, null, null, null, null, null);
    }

    /**
     * Axon's models of the aggregates as a test fixture builds them: the command handlers' lookups (which a replay
     * never calls) resolve to nothing, and each aggregate is made by its no-argument constructor.
     */
    private static final class InspectedModels implements AggregateModels {

        private static final ParameterResolverFactory LOOKUPS_AS_NULL =
                (executable, parameters, index) -> index > 0 ? new FixedValueParameterResolver<>(null) : null;

        @Override
        public <T> AggregateModel<T> model(Class<T> type) {
            return AnnotatedAggregateMetaModelFactory.inspectAggregate(
                    type,
                    MultiParameterResolverFactory.ordered(
                            ClasspathParameterResolverFactory.forClass(type), LOOKUPS_AS_NULL));
        }

        @Override
        public <T> AggregateFactory<T> factory(Class<T> type) {
            return new GenericAggregateFactory<>(type);
        }
    }
}
