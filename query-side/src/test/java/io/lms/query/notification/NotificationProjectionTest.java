package io.lms.query.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.lms.api.course.ContentAddedEvent;
import io.lms.api.course.ContentFields;
import io.lms.api.course.ContentType;
import io.lms.api.course.CourseStatus;
import io.lms.api.enrollment.CertificateIssuedEvent;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.StudentEnrolledEvent;
import io.lms.api.enrollment.StudentUnenrolledEvent;
import io.lms.api.forum.ForumPostAddedEvent;
import io.lms.api.notification.AllNotificationsMarkedReadEvent;
import io.lms.api.notification.InboxKey;
import io.lms.api.notification.NotificationKey;
import io.lms.api.notification.NotificationMarkedReadEvent;
import io.lms.api.notification.NotificationType;
import io.lms.api.notification.NotificationView;
import io.lms.query.support.ReadModelCollections;
import io.lms.query.support.WireServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Feeds events to the notifications processor's two handlers and reads the documents back from a wire server. */
class NotificationProjectionTest {

    private static final String FORUM = "6b06eb3caa76f936f62db800";
    private static final String COURSE = "6b06eb3caa76f936f62db700";
    private static final String TEACHER = "6b06eb3caa76f936f62db6f1";
    private static final String ALICE = "6b06eb3caa76f936f62db6f3";
    private static final String BOB = "6b06eb3caa76f936f62db6f5";
    private static final String CAROL = "6b06eb3caa76f936f62db6f6";
    private static final String POST = "6b06eb3caa76f936f62db810";
    private static final String REPLY = "6b06eb3caa76f936f62db811";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00.123Z");
    private static final Instant T1 = Instant.parse("2026-11-25T11:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-25T12:00:00Z");

    private NotificationReadModel readModel;
    private CourseMembers members;
    private NotificationProjection projection;
    private MembershipProjection membership;
    private long position;

    @BeforeEach
    void setUp() {
        var factory = WireServer.freshDatabase("notification_projection_test");
        readModel = new NotificationReadModel(ReadModelCollections.of(factory));
        members = new CourseMembers(ReadModelCollections.of(factory));
        projection = new NotificationProjection(new NotificationWriter(readModel), members, readModel);
        membership = new MembershipProjection(members);
        projection.reset();
        membership.reset();
    }

    private void enroll(String student, long sequence) {
        var event = new StudentEnrolledEvent(enrollment(student), student, COURSE, TEACHER, "Python");
        membership.on(event, sequence, next());
        projection.on(event, sequence, T0);
    }

    /** The next position of the stream, for the membership events fed one after another. */
    private TrackingToken next() {
        return at(++position);
    }

    private static TrackingToken at(long position) {
        return new GlobalSequenceTrackingToken(position);
    }

    private static String enrollment(String student) {
        return new EnrollmentKey(student, COURSE).enrollmentId();
    }

    private static ContentAddedEvent contentAdded() {
        return new ContentAddedEvent(
                COURSE,
                "6b06eb3caa76f936f62db710",
                TEACHER,
                "Python",
                CourseStatus.PUBLISHED,
                ContentType.VIDEO,
                new ContentFields("Loops", "", 1, null, null, null, null, null));
    }

    private List<Document> all() {
        return readModel.collection().find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    private List<NotificationView> of(String user) {
        return readModel.of(user, false, 0, 100).items();
    }

    @Test
    void a_reply_notifies_the_parents_author_once_even_when_redelivered() {
        var reply = new ForumPostAddedEvent(FORUM, REPLY, COURSE, BOB, "Hi!", POST, ALICE, "Questions");

        projection.on(reply, T1);
        projection.on(reply, T1);

        assertThat(of(ALICE)).singleElement().satisfies(n -> {
            assertThat(n.type()).isEqualTo(NotificationType.FORUM_REPLY);
            assertThat(n.id()).isEqualTo(new NotificationKey("forum_reply:" + REPLY, ALICE).notificationId());
            assertThat(n.content()).contains("Questions");
            assertThat(n.read()).isFalse();
            assertThat(n.createdAt()).isEqualTo(T1);
        });
        assertThat(of(BOB)).isEmpty();
    }

    @Test
    void a_top_level_post_and_a_reply_to_oneself_notify_nobody() {
        projection.on(new ForumPostAddedEvent(FORUM, POST, COURSE, ALICE, "Hello?", null, null, "Q"), T0);
        projection.on(new ForumPostAddedEvent(FORUM, REPLY, COURSE, ALICE, "Me again", POST, ALICE, "Q"), T1);

        assertThat(all()).isEmpty();
    }

    @Test
    void new_content_notifies_every_actively_enrolled_student_and_nobody_else() {
        enroll(ALICE, 0);
        enroll(BOB, 0);
        enroll(CAROL, 0);
        membership.on(new StudentUnenrolledEvent(enrollment(CAROL), CAROL, COURSE, TEACHER), 1, next());

        projection.on(contentAdded(), 7, T1, at(100));
        projection.on(contentAdded(), 7, T1, at(100));

        assertThat(of(ALICE))
                .singleElement()
                .extracting(NotificationView::type)
                .isEqualTo(NotificationType.COURSE_UPDATE);
        assertThat(of(BOB)).hasSize(1);
        assertThat(of(CAROL)).isEmpty();
    }

    @Test
    void an_enrollment_notifies_the_instructor_and_a_certificate_its_student() {
        enroll(ALICE, 0);
        projection.on(
                new CertificateIssuedEvent(
                        enrollment(ALICE), "6b06eb3caa76f936f62db900", ALICE, COURSE, "Python", "code"),
                T2);

        assertThat(of(TEACHER))
                .singleElement()
                .extracting(NotificationView::type)
                .isEqualTo(NotificationType.NEW_ENROLLMENT);
        assertThat(of(ALICE))
                .singleElement()
                .extracting(NotificationView::type)
                .isEqualTo(NotificationType.CERTIFICATE_ISSUED);
    }

    @Test
    void marking_read_touches_only_the_users_own_notification_and_survives_redelivery_of_its_cause() {
        var reply = new ForumPostAddedEvent(FORUM, REPLY, COURSE, BOB, "Hi!", POST, ALICE, "Questions");
        projection.on(reply, T1);
        String alices = new NotificationKey("forum_reply:" + REPLY, ALICE).notificationId();

        projection.on(new NotificationMarkedReadEvent(new InboxKey(BOB).inboxId(), BOB, alices));
        assertThat(readModel.unreadCount(ALICE)).isEqualTo(1);

        projection.on(new NotificationMarkedReadEvent(new InboxKey(ALICE).inboxId(), ALICE, alices));
        projection.on(reply, T1);
        assertThat(readModel.unreadCount(ALICE)).isZero();
        assertThat(readModel.of(ALICE, true, 0, 20).items()).isEmpty();
    }

    @Test
    void marking_all_read_marks_those_caused_before_it_and_newest_come_first() {
        enroll(ALICE, 0);
        projection.on(contentAdded(), 5, T0, at(100));
        projection.on(new ForumPostAddedEvent(FORUM, REPLY, COURSE, BOB, "Hi!", POST, ALICE, "Questions"), T2);

        projection.on(new AllNotificationsMarkedReadEvent(new InboxKey(ALICE).inboxId(), ALICE), T1);

        assertThat(of(ALICE))
                .extracting(NotificationView::type, NotificationView::read)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(NotificationType.FORUM_REPLY, false),
                        org.assertj.core.groups.Tuple.tuple(NotificationType.COURSE_UPDATE, true));
        assertThat(readModel.unreadCount(ALICE)).isEqualTo(1);
    }

    @Test
    void a_replay_after_reset_gives_identical_documents_and_no_duplicate() {
        Runnable history = () -> {
            enroll(ALICE, 0);
            enroll(BOB, 0);
            projection.on(contentAdded(), 5, T1, at(100));
            projection.on(new ForumPostAddedEvent(FORUM, REPLY, COURSE, BOB, "Hi!", POST, ALICE, "Questions"), T1);
            projection.on(new AllNotificationsMarkedReadEvent(new InboxKey(BOB).inboxId(), BOB), T2);
        };
        history.run();
        List<Document> before = all();

        projection.reset();
        membership.reset();
        history.run();

        assertThat(all()).hasSize(5).isEqualTo(before);
    }
}
