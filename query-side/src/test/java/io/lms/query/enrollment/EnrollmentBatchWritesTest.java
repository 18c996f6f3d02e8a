package io.lms.query.enrollment;

import static io.lms.query.LearningProjections.T0;
import static io.lms.query.LearningProjections.TEACHER;
import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.course.ContentType;
import io.lms.api.enrollment.ContentProgressRecordedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.ProgressStatus;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentReenrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.query.LearningProjections;
import io.lms.query.course.CourseFigures;
import io.lms.query.course.CourseReadModel;
import io.lms.query.support.ReadModelCollections;
import io.lms.query.support.VersionedBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * The enrollment projection writes a batch of events at once (VersionedBatch): the documents must be those that
 * handling the events one by one gives, whatever the batches, and a batch handled again must change nothing.
 */
class EnrollmentBatchWritesTest {

    private static final String COURSE = "6b06eb3caa76f936f62dba00";
    private static final String VIDEO = "6b06eb3caa76f936f62dba10";
    private static final String ASSIGNMENT = "6b06eb3caa76f936f62dba11";
    private static final List<String> STUDENTS =
            List.of("6b06eb3caa76f936f62dba01", "6b06eb3caa76f936f62dba02", "6b06eb3caa76f936f62dba03");

    /** Enrollments, progress on both items, one student leaving and coming back, another leaving. */
    private static List<EventMessage<?>> history() {
        List<EventMessage<?>> events = new ArrayList<>();
        long minute = 0;
        for (String student : STUDENTS) {
            String id = new EnrollmentKey(student, COURSE).enrollmentId();
            events.add(event(id, 0, new StudentEnrolledEvent(id, student, COURSE, TEACHER, "Course"), ++minute));
            events.add(event(id, 1, progress(id, student, VIDEO, ProgressStatus.STARTED, 40, 0), ++minute));
            events.add(event(id, 2, progress(id, student, VIDEO, ProgressStatus.COMPLETED, 100, 1), ++minute));
            events.add(event(id, 3, progress(id, student, ASSIGNMENT, ProgressStatus.STARTED, null, 1), ++minute));
        }
        String first = new EnrollmentKey(STUDENTS.get(0), COURSE).enrollmentId();
        String second = new EnrollmentKey(STUDENTS.get(1), COURSE).enrollmentId();
        events.add(event(first, 4, new StudentUnenrolledEvent(first, STUDENTS.get(0), COURSE, TEACHER), ++minute));
        events.add(event(
                first, 5, new StudentReenrolledEvent(first, STUDENTS.get(0), COURSE, TEACHER, "Course", 50), ++minute));
        events.add(event(second, 4, new StudentUnenrolledEvent(second, STUDENTS.get(1), COURSE, TEACHER), ++minute));
        return events;
    }

    @Test
    void batches_of_any_size_give_the_documents_that_one_event_at_a_time_gives() {
        Map<String, List<Document>> expected = oneByOne();
        for (int size : new int[] {1, 2, 5, history().size()}) {
            LearningProjections batched = projections("enrollment_batch_" + size);
            List<EventMessage<?>> events = history();
            for (int from = 0; from < events.size(); from += size) {
                handleInOneBatch(batched, events.subList(from, Math.min(events.size(), from + size)));
            }

            assertThat(batched.snapshot()).as("batches of %d", size).isEqualTo(expected);
        }
    }

    @Test
    void a_batch_handled_again_changes_nothing_and_keeps_the_count_exact() {
        LearningProjections batched = projections("enrollment_batch_again");
        handleInOneBatch(batched, history());
        Map<String, List<Document>> once = batched.snapshot();

        handleInOneBatch(batched, history());
        handleInOneBatch(batched, history().subList(2, 7));

        assertThat(batched.snapshot()).isEqualTo(once);
        assertThat(batched.document("courses", COURSE)
                        .get("enrollment_count", Number.class)
                        .longValue())
                .isEqualTo(2);
    }

    private static Map<String, List<Document>> oneByOne() {
        LearningProjections projections = projections("enrollment_one_by_one");
        for (EventMessage<?> event : history()) {
            GenericDomainEventMessage<?> e = (GenericDomainEventMessage<?>) event;
            projections.handle(
                    "Enrollment", e.getAggregateIdentifier(), e.getSequenceNumber(), e.getPayload(), e.getTimestamp());
        }
        return projections.snapshot();
    }

    private static LearningProjections projections(String database) {
        LearningProjections projections = new LearningProjections(database);
        projections.publishedCourse(COURSE);
        return projections;
    }

    /** As the courses processor does: one batching unit of work, the group's interceptor around each event. */
    private static void handleInOneBatch(LearningProjections projections, List<EventMessage<?>> events) {
        EnrollmentProjection enrollments = new EnrollmentProjection(
                new EnrollmentReadModel(ReadModelCollections.of(projections.database())),
                new CourseFigures(new CourseReadModel(ReadModelCollections.of(projections.database()))));
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(enrollments);
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        unitOfWork.executeWithResult(
                () -> new DefaultInterceptorChain<>(unitOfWork, List.of(VersionedBatch.interceptor()), message -> {
                            return handler.canHandle(message) ? handler.handle(message) : null;
                        })
                        .proceed(),
                RollbackConfigurationType.ANY_THROWABLE);
        assertThat(unitOfWork.getExecutionResults().values())
                .allSatisfy(result -> assertThat(result.isExceptionResult()).isFalse());
    }

    private static ContentProgressRecordedEvent progress(
            String id, String student, String item, ProgressStatus status, Integer percent, int done) {
        ContentType type = item.equals(VIDEO) ? ContentType.VIDEO : ContentType.ASSIGNMENT;
        return new ContentProgressRecordedEvent(id, student, COURSE, item, type, status, percent, done, 2, done * 50.0);
    }

    private static EventMessage<?> event(String id, long version, Object payload, long minute) {
        return new GenericDomainEventMessage<>(
                "Enrollment",
                id,
                version,
                payload,
                MetaData.emptyInstance(),
                new ObjectId().toHexString(),
                T0.plusSeconds(60 * minute));
    }
}
