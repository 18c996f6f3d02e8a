package io.lms.query.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseStatus;
import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentReenrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.api.forum.ForumPostAddedEvent;
import io.lms.api.notification.AllNotificationsMarkedReadEvent;
import io.lms.api.notification.InboxKey;
import io.lms.api.notification.NotificationKey;
import io.lms.api.notification.NotificationMarkedReadEvent;
import io.lms.query.support.ReadModelCollections;
import io.lms.query.support.VersionedBatch;
import io.lms.query.support.WireServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * The notifications group writes a batch of events at once (VersionedBatch): memberships and notifications must be
 * those that handling the events one by one gives, whatever the batches (a course update reaches exactly the
 * students enrolled before it, marking read marks what was written before it in the same batch), and a batch
 * handled again must change nothing.
 */
class NotificationBatchWritesTest {

    private static final String COURSE = "6b06eb3caa76f936f62dc700";
    private static final String CONTENT = "6b06eb3caa76f936f62dc710";
    private static final String FORUM = "6b06eb3caa76f936f62dc800";
    private static final String TEACHER = "6b06eb3caa76f936f62dc6f1";
    private static final String ALICE = "6b06eb3caa76f936f62dc6f3";
    private static final String BOB = "6b06eb3caa76f936f62dc6f5";
    private static final String CAROL = "6b06eb3caa76f936f62dc6f6";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123Z");

    /**
     * Enrollments between course updates, one student leaving and coming back, replies, a certificate, one
     * notification marked read and then all of them, with notifications after that stay unread.
     */
    private static List<EventMessage<?>> history() {
        List<EventMessage<?>> events = new ArrayList<>();
        events.add(enrolled(ALICE));
        events.add(enrolled(BOB));
        events.add(course(3, contentAdded("Loops")));
        events.add(enrolled(CAROL));
        events.add(enrollment(BOB, 1, new StudentUnenrolledEvent(enrollmentId(BOB), BOB, COURSE, TEACHER)));
        events.add(course(4, contentAdded("Lists")));
        events.add(other("ForumPost", reply("6b06eb3caa76f936f62dc811", BOB, ALICE)));
        events.add(other("Inbox", new NotificationMarkedReadEvent(inbox(ALICE), ALICE, replyTo(ALICE))));
        events.add(
                enrollment(BOB, 2, new StudentReenrolledEvent(enrollmentId(BOB), BOB, COURSE, TEACHER, "Python", 50)));
        events.add(other(
                "Certificate",
                new CertificateIssuedEvent(
                        enrollmentId(CAROL), "6b06eb3caa76f936f62dc900", CAROL, COURSE, "Python", "code")));
        events.add(other("Inbox", new AllNotificationsMarkedReadEvent(inbox(CAROL), CAROL)));
        events.add(course(5, contentAdded("Maps")));
        events.add(other("ForumPost", reply("6b06eb3caa76f936f62dc812", ALICE, CAROL)));
        return timed(events);
    }

    @Test
    void batches_of_any_size_give_the_documents_that_one_event_at_a_time_gives() {
        Map<String, List<Document>> expected = oneByOne();
        assertThat(expected.get("notifications")).hasSize(14);
        for (int size : new int[] {1, 2, 3, 5, history().size()}) {
            Group batched = new Group("notification_batch_" + size);
            List<EventMessage<?>> events = history();
            for (int from = 0; from < events.size(); from += size) {
                batched.handleInOneBatch(events.subList(from, Math.min(events.size(), from + size)));
            }

            assertThat(batched.snapshot()).as("batches of %d", size).isEqualTo(expected);
        }
    }

    /**
     * Events from Bob's return on (the last membership change) handled again: no notification twice, none changed
     * (read flags included).
     */
    @Test
    void a_batch_handled_again_changes_nothing() {
        Group batched = new Group("notification_batch_again");
        batched.handleInOneBatch(history());
        Map<String, List<Document>> once = batched.snapshot();

        batched.handleInOneBatch(history().subList(8, history().size()));
        batched.handleInOneBatch(history().subList(10, 12));

        assertThat(batched.snapshot()).isEqualTo(once);
    }

    /**
     * From the first course update on, handled again (a restart before the token moved): Carol, who enrolled after
     * it, and Bob, who left after it and came back, hear of it no more than the first time.
     */
    @Test
    void a_batch_handled_again_from_a_course_update_notifies_only_the_students_of_its_moment() {
        Group batched = new Group("notification_batch_from_update");
        batched.handleInOneBatch(history());
        Map<String, List<Document>> once = batched.snapshot();

        batched.handleInOneBatch(history().subList(2, history().size()));

        assertThat(batched.snapshot()).isEqualTo(once);
    }

    @Test
    void a_fan_out_larger_than_the_pending_writes_a_batch_keeps_reaches_every_student() {
        Group batched = new Group("notification_batch_fan_out");
        int students = VersionedBatch.MAX_PENDING * 2 + 17;
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < students; i++) {
            events.add(enrolled(String.format("6b06eb3caa76f936f6%06x", i)));
        }
        events.add(course(3, contentAdded("Loops")));

        batched.handleInOneBatch(timed(events));

        assertThat(batched.readModel.collection().countDocuments(new Document("type", "course_update")))
                .isEqualTo(students);
    }

    private static Map<String, List<Document>> oneByOne() {
        Group group = new Group("notification_one_by_one");
        for (EventMessage<?> event : history()) {
            group.handleOutsideABatch(event);
        }
        return group.snapshot();
    }

    /** The group's two handlers over a fresh database. */
    private static final class Group {
        final NotificationReadModel readModel;
        final CourseMembers members;
        final List<AnnotationEventHandlerAdapter> handlers;

        Group(String database) {
            var factory = WireServer.freshDatabase(database);
            readModel = new NotificationReadModel(ReadModelCollections.of(factory));
            members = new CourseMembers(ReadModelCollections.of(factory));
            handlers = List.of(
                    new AnnotationEventHandlerAdapter(new MembershipProjection(members)),
                    new AnnotationEventHandlerAdapter(
                            new NotificationProjection(new NotificationWriter(readModel), members, readModel)));
        }

        void handleOutsideABatch(EventMessage<?> event) {
            try {
                handle(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** As the notifications processor does: one batching unit of work, the group's interceptor around each. */
        void handleInOneBatch(List<EventMessage<?>> events) {
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
            unitOfWork.executeWithResult(
                    () -> new DefaultInterceptorChain<>(unitOfWork, List.of(VersionedBatch.interceptor()), this::handle)
                            .proceed(),
                    RollbackConfigurationType.ANY_THROWABLE);
            assertThat(unitOfWork.getExecutionResults().values())
                    .allSatisfy(result -> assertThat(result.isExceptionResult()).isFalse());
        }

        private Object handle(EventMessage<?> message) throws Exception {
            for (AnnotationEventHandlerAdapter handler : handlers) {
                if (handler.canHandle(message)) {
                    handler.handle(message);
                }
            }
            return null;
        }

        Map<String, List<Document>> snapshot() {
            return Map.of(
                    "notifications", all(readModel.collection()),
                    "notification_members", all(members.collection()));
        }

        private static List<Document> all(com.mongodb.client.MongoCollection<Document> collection) {
            return collection.find().sort(new Document("_id", 1)).into(new ArrayList<>());
        }
    }

    private static EventMessage<?> enrolled(String student) {
        return enrollment(
                student, 0, new StudentEnrolledEvent(enrollmentId(student), student, COURSE, TEACHER, "Python"));
    }

    private static EventMessage<?> enrollment(String student, long version, Object payload) {
        return message("Enrollment", enrollmentId(student), version, payload);
    }

    private static EventMessage<?> course(long version, Object payload) {
        return message("Course", COURSE, version, payload);
    }

    private static EventMessage<?> other(String type, Object payload) {
        return message(type, new ObjectId().toHexString(), 0, payload);
    }

    /** Without a time yet: {@link #timed} gives each event of a history its minute. */
    private static EventMessage<?> message(String type, String aggregate, long version, Object payload) {
        return new GenericDomainEventMessage<>(type, aggregate, version, payload, MetaData.emptyInstance());
    }

    /** Each event of a history its minute, and its position in the stream (as a tracking processor hands it over). */
    private static List<EventMessage<?>> timed(List<EventMessage<?>> events) {
        List<EventMessage<?>> timed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            GenericDomainEventMessage<?> e = (GenericDomainEventMessage<?>) events.get(i);
            timed.add(new GenericTrackedDomainEventMessage<>(
                    new GlobalSequenceTrackingToken(i + 1),
                    new GenericDomainEventMessage<>(
                            e.getType(),
                            e.getAggregateIdentifier(),
                            e.getSequenceNumber(),
                            e.getPayload(),
                            MetaData.emptyInstance(),
                            e.getIdentifier(),
                            T0.plusSeconds(60L * i))));
        }
        return timed;
    }

    private static ContentAddedEvent contentAdded(String title) {
        return new ContentAddedEvent(
                COURSE,
                CONTENT,
                TEACHER,
                "Python",
                CourseStatus.PUBLISHED,
                ContentType.VIDEO,
                new ContentFields(title, "", 1, null, null, null, null, null));
    }

    private static ForumPostAddedEvent reply(String postId, String author, String parentAuthor) {
        return new ForumPostAddedEvent(
                FORUM, postId, COURSE, author, "Hi!", "6b06eb3caa76f936f62dc810", parentAuthor, "Questions");
    }

    private static String replyTo(String user) {
        return new NotificationKey("forum_reply:6b06eb3caa76f936f62dc811", user).notificationId();
    }

    private static String enrollmentId(String student) {
        return new EnrollmentKey(student, COURSE).enrollmentId();
    }

    private static String inbox(String user) {
        return new InboxKey(user).inboxId();
    }
}
