package io.lms.query.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.lms.api.course.CourseArchivedEvent;
import io.lms.api.course.CourseCreatedEvent;
import io.lms.api.course.CourseDetails;
import io.lms.api.course.CourseEditedEvent;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.CoursePublishedEvent;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.Price;
import io.lms.api.enrollment.EnrollmentCompletedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.ReviewWrittenEvent;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.query.support.AxonOnWireServer;
import io.lms.query.support.ProjectionPositions;
import io.lms.query.support.ReadModelCollections;
import io.lms.query.support.WireServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/**
 * The mirror against the real event store and the real projection on a wire server. The projection is driven by
 * hand, so that each test decides when a course document is written relative to the event that announces it, as
 * happens when the projection runs on another node or lags.
 */
class CatalogMirrorTest {

    private static final String TEACHER = new ObjectId().toHexString();
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private AxonOnWireServer axon;
    private CourseReadModel readModel;
    private CourseProjection projection;
    private CatalogMirror mirror;

    @BeforeEach
    void setUp() {
        axon = AxonOnWireServer.on(WireServer.freshDatabase("catalog_mirror_test"));
        readModel = new CourseReadModel(ReadModelCollections.of(axon.database()));
        projection = new CourseProjection(readModel);
    }

    @AfterEach
    void tearDown() {
        if (mirror != null) {
            mirror.stop();
        }
        axon.close();
    }

    @Test
    void a_course_is_listed_once_the_projection_has_passed_its_events_and_unlisted_when_archived() {
        startMirror(Duration.ofMinutes(10));
        String course = new ObjectId().toHexString();

        append(course, 0, created(course, "Rust for beginners"));
        append(course, 1, new CoursePublishedEvent(course, TEACHER, "Rust for beginners"));
        projection.on(created(course, "Rust for beginners"), 0, T0);
        projection.on(new CoursePublishedEvent(course, TEACHER, "Rust for beginners"), 1, T0);
        // written, but the projection's token does not say so yet: nothing is read
        await().during(300, TimeUnit.MILLISECONDS).atMost(2, TimeUnit.SECONDS).until(() -> entry(course) == null);
        assertThat(mirror.awaitedCount()).isEqualTo(1);

        projectionPassed(lastToken());
        await().atMost(5, TimeUnit.SECONDS).until(() -> entry(course) != null);
        assertThat(entry(course).version()).isEqualTo(1);
        assertThat(entry(course).view().title()).isEqualTo("Rust for beginners");
        assertThat(mirror.awaitedCount()).isZero();

        CourseArchivedEvent archived = new CourseArchivedEvent(course, TEACHER, "Rust", CourseStatus.PUBLISHED);
        append(course, 2, archived);
        projection.on(archived, 2, T0);
        projectionPassed(lastToken());
        await().atMost(5, TimeUnit.SECONDS).until(() -> entry(course) == null);
    }

    @Test
    void health_is_out_of_service_until_the_first_load_is_done_and_up_after() {
        mirror = newMirror(true, Duration.ofMinutes(10));
        assertThat(mirror.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

        mirror.start();
        await().atMost(10, TimeUnit.SECONDS).until(mirror::ready);
        assertThat(mirror.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void a_disabled_mirror_does_not_hold_readiness_back() {
        mirror = newMirror(false, Duration.ofMinutes(10));
        mirror.start();

        assertThat(mirror.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void an_edit_is_served_once_the_projection_has_passed_it() {
        String course = new ObjectId().toHexString();
        append(course, 0, created(course, "Old title"));
        append(course, 1, new CoursePublishedEvent(course, TEACHER, "Old title"));
        projection.on(created(course, "Old title"), 0, T0);
        projection.on(new CoursePublishedEvent(course, TEACHER, "Old title"), 1, T0);
        projectionPassed(lastToken());
        startMirror(Duration.ofMinutes(10));
        assertThat(entry(course)).isNotNull();

        CourseEditedEvent edited = new CourseEditedEvent(
                course,
                TEACHER,
                "New title",
                new CourseDetails("New title", null, null, null, null, null, null, null, null),
                null);
        append(course, 2, edited);
        projection.on(edited, 2, T0.plusSeconds(1));
        await().during(300, TimeUnit.MILLISECONDS)
                .atMost(2, TimeUnit.SECONDS)
                .until(() -> entry(course).view().title().equals("Old title"));

        projectionPassed(lastToken());
        await().atMost(5, TimeUnit.SECONDS)
                .until(() -> entry(course).view().title().equals("New title"));
        assertThat(entry(course).keywords()).contains("new", "title").doesNotContain("old");
    }

    /**
     * Course B's publication is stored but not yet projected when the mirror starts, and the projection's token
     * is just before it: the mirror loads B as a draft, reads on from the token, sees the publication and waits
     * for the projection to pass it. It does not read the events the token has passed.
     */
    @Test
    void it_starts_where_the_projection_has_got_and_catches_what_the_loaded_documents_miss() {
        String a = new ObjectId().toHexString();
        String b = new ObjectId().toHexString();
        append(a, 0, created(a, "Course A"));
        append(a, 1, new CoursePublishedEvent(a, TEACHER, "Course A"));
        append(b, 0, created(b, "Course B"));
        append(b, 1, new CoursePublishedEvent(b, TEACHER, "Course B"));
        projection.on(created(a, "Course A"), 0, T0);
        projection.on(new CoursePublishedEvent(a, TEACHER, "Course A"), 1, T0);
        projection.on(created(b, "Course B"), 0, T0);
        projectionPassed(storedTokens().get(2));

        startMirror(Duration.ofMinutes(10));

        assertThat(entry(a)).isNotNull();
        assertThat(entry(b)).isNull();
        await().atMost(2, TimeUnit.SECONDS).until(() -> mirror.awaitedCount() == 1);
        projection.on(new CoursePublishedEvent(b, TEACHER, "Course B"), 1, T0);
        projectionPassed(lastToken());
        await().atMost(5, TimeUnit.SECONDS).until(() -> entry(b) != null);
        assertThat(mirror.eventsRead()).isEqualTo(1);
    }

    /** A projection that lags (or is stopped) is waited for as long as it takes: no timeout drops the change. */
    @Test
    void a_lagging_projection_is_waited_for_without_a_timeout() {
        startMirror(Duration.ofMinutes(10));
        String course = new ObjectId().toHexString();
        append(course, 0, created(course, "Late"));
        append(course, 1, new CoursePublishedEvent(course, TEACHER, "Late"));

        await().during(1500, TimeUnit.MILLISECONDS)
                .atMost(3, TimeUnit.SECONDS)
                .until(() -> entry(course) == null && mirror.awaitedCount() == 1);

        projection.on(created(course, "Late"), 0, T0);
        projection.on(new CoursePublishedEvent(course, TEACHER, "Late"), 1, T0);
        projectionPassed(lastToken());
        await().atMost(5, TimeUnit.SECONDS).until(() -> entry(course) != null);
    }

    @Test
    void an_event_that_moves_no_document_is_settled_once_the_projection_has_passed_it() {
        startMirror(Duration.ofMinutes(10));
        String course = new ObjectId().toHexString();

        append(course, 0, created(course, "Never projected"));
        await().atMost(2, TimeUnit.SECONDS).until(() -> mirror.awaitedCount() == 1);

        projectionPassed(lastToken());
        await().atMost(5, TimeUnit.SECONDS).until(() -> mirror.awaitedCount() == 0);
        assertThat(entry(course)).isNull();
        assertThat(mirror.ready()).isTrue();
    }

    /**
     * A projection rebuilt after a reset announces nothing: the periodic reload takes in a document of the same
     * version rendered differently, and ignores the older versions written while the rebuild is under way.
     */
    @Test
    void the_periodic_reload_takes_in_rebuilt_documents_but_not_older_ones() {
        String course = new ObjectId().toHexString();
        projection.on(created(course, "Before the rebuild"), 0, T0);
        projection.on(new CoursePublishedEvent(course, TEACHER, "Before the rebuild"), 1, T0);
        startMirror(Duration.ofMillis(200));
        await().atMost(5, TimeUnit.SECONDS).until(() -> entry(course) != null);

        readModel.courses().updateOne(Filters.eq("_id", new ObjectId(course)), Updates.set("title", "Rebuilt"));
        await().atMost(5, TimeUnit.SECONDS)
                .until(() -> entry(course).view().title().equals("Rebuilt"));

        readModel
                .courses()
                .updateOne(
                        Filters.eq("_id", new ObjectId(course)),
                        Updates.combine(Updates.set("title", "Half rebuilt"), Updates.set("version", 0L)));
        await().during(600, TimeUnit.MILLISECONDS)
                .atMost(2, TimeUnit.SECONDS)
                .until(() -> entry(course).view().title().equals("Rebuilt"));
    }

    /**
     * Enrollment and review events change the course's figures but not its version: the mirror takes the document
     * again at the same version once the projection (which writes the figures in the same processing group) has
     * passed them.
     */
    @Test
    void new_figures_from_enrollment_and_review_events_are_served_once_the_projection_has_passed_them() {
        String course = new ObjectId().toHexString();
        append(course, 0, created(course, "Popular"));
        append(course, 1, new CoursePublishedEvent(course, TEACHER, "Popular"));
        projection.on(created(course, "Popular"), 0, T0);
        projection.on(new CoursePublishedEvent(course, TEACHER, "Popular"), 1, T0);
        projectionPassed(lastToken());
        startMirror(Duration.ofMinutes(10));
        String student = new ObjectId().toHexString();
        String enrollment = new EnrollmentKey(student, course).enrollmentId();

        appendEnrollmentEvent(enrollment, 0, new StudentEnrolledEvent(enrollment, student, course, TEACHER, "Popular"));
        appendEnrollmentEvent(
                enrollment, 1, new ReviewWrittenEvent(enrollment, enrollment, student, course, 4, "Good"));
        CourseFigures figures = new CourseFigures(readModel);
        figures.setEnrollmentCount(course, 1);
        figures.setRating(course, 4.0, 1);
        await().during(300, TimeUnit.MILLISECONDS)
                .atMost(2, TimeUnit.SECONDS)
                .until(() -> entry(course).enrollmentCount() == 0);

        projectionPassed(lastToken());
        await().atMost(5, TimeUnit.SECONDS)
                .until(() ->
                        entry(course).enrollmentCount() == 1 && entry(course).ratingAverage() == 4.0);
        assertThat(entry(course).version()).isEqualTo(1);
        assertThat(mirror.awaitedCount()).isZero();
    }

    @Test
    void only_the_enrollment_events_that_change_a_courses_figures_name_the_course() {
        String student = new ObjectId().toHexString();
        String course = new ObjectId().toHexString();
        String enrollment = new EnrollmentKey(student, course).enrollmentId();
        appendEnrollmentEvent(enrollment, 0, new StudentEnrolledEvent(enrollment, student, course, TEACHER, "C"));
        appendEnrollmentEvent(enrollment, 1, new EnrollmentCompletedEvent(enrollment, student, course));

        try (var stream = axon.eventStore().openStream(null)) {
            assertThat(CourseEventFollower.courseOf(stream.nextAvailable())).contains(new ObjectId(course));
            assertThat(CourseEventFollower.courseOf(stream.nextAvailable())).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void disabled_it_holds_nothing_and_the_catalog_is_read_from_mongodb() {
        mirror = newMirror(false, Duration.ofMinutes(10));
        mirror.start();

        assertThat(mirror.ready()).isFalse();
        assertThat(mirror.render(new CatalogQuery(null, null, null, null, null, null, null, CatalogSort.NEWEST), 0, 20))
                .isEmpty();
    }

    private void startMirror(Duration reconcileInterval) {
        mirror = newMirror(true, reconcileInterval);
        mirror.start();
        await().atMost(10, TimeUnit.SECONDS).until(mirror::ready);
    }

    private CatalogMirror newMirror(boolean enabled, Duration reconcileInterval) {
        return new CatalogMirror(
                readModel,
                axon.eventStore(),
                new ProjectionPositions(axon.database(), axon.tokenSerializer()),
                new ObjectMapper().registerModule(new JavaTimeModule()),
                enabled,
                reconcileInterval);
    }

    /** What the courses projection's processor does after a batch: stores how far it has got. */
    private void projectionPassed(TrackingToken token) {
        var tokens = axon.tokenStore();
        if (tokens.fetchSegments(CourseProjection.NAME).length == 0) {
            tokens.initializeTokenSegments(CourseProjection.NAME, 1, token);
        } else {
            tokens.fetchToken(CourseProjection.NAME, 0);
            tokens.storeToken(token, CourseProjection.NAME, 0);
        }
    }

    private TrackingToken lastToken() {
        List<TrackingToken> tokens = storedTokens();
        return tokens.get(tokens.size() - 1);
    }

    private CatalogIndex.Entry entry(String course) {
        return mirror.entry(new ObjectId(course)).orElse(null);
    }

    private void append(String course, long sequence, Object payload) {
        axon.eventStore()
                .publish(new GenericDomainEventMessage<>(
                        CourseEventFollower.COURSE_AGGREGATE, course, sequence, payload));
    }

    private void appendEnrollmentEvent(String enrollment, long sequence, Object payload) {
        axon.eventStore().publish(new GenericDomainEventMessage<>("Enrollment", enrollment, sequence, payload));
    }

    private List<TrackingToken> storedTokens() {
        List<TrackingToken> tokens = new ArrayList<>();
        try (var stream = axon.eventStore().openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                tokens.add(event.trackingToken());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return tokens;
    }

    private static CourseCreatedEvent created(String course, String title) {
        return new CourseCreatedEvent(
                course,
                TEACHER,
                new CourseDetails(
                        title,
                        "slug-" + course,
                        "A course",
                        "programming",
                        List.of("rust"),
                        CourseLevel.BEGINNER,
                        List.of(),
                        List.of(),
                        new Price(new BigDecimal("10.00"), "USD")));
    }
}
