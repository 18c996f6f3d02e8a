package io.lms.command.notification;

import io.lms.api.common.Actor;
import io.lms.api.common.Role;
import io.lms.api.error.ErrorCode;
import io.lms.api.notification.AllNotificationsMarkedReadEvent;
import io.lms.api.notification.InboxKey;
import io.lms.api.notification.MarkAllNotificationsReadCommand;
import io.lms.api.notification.MarkNotificationReadCommand;
import io.lms.api.notification.NotificationKey;
import io.lms.api.notification.NotificationMarkedReadEvent;
import io.lms.platform.error.DomainException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rule 24: a notification belongs to one user; only that user marks it read. */
class InboxAggregateTest {

    private static final Actor ALICE = new Actor("6b06eb3caa76f936f62db6f3", Role.STUDENT);
    private static final Actor BOB = new Actor("6b06eb3caa76f936f62db6f5", Role.STUDENT);
    private static final Actor ADMIN = new Actor("6b06eb3caa76f936f62db6f4", Role.ADMIN);
    private static final String ALICES_INBOX = new InboxKey(ALICE.userId()).inboxId();
    private static final String ALICES_NOTIFICATION =
            new NotificationKey("forum_reply:6b06eb3caa76f936f62db811", ALICE.userId()).notificationId();
    private static final String BOBS_NOTIFICATION =
            new NotificationKey("forum_reply:6b06eb3caa76f936f62db811", BOB.userId()).notificationId();

    private FixtureConfiguration<Inbox> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Inbox.class);
    }

    @Test
    void a_user_marks_their_notification_read_and_the_inbox_begins() {
        fixture.givenNoPriorActivity()
                .when(new MarkNotificationReadCommand(ALICES_INBOX, ALICE.userId(), ALICES_NOTIFICATION, ALICE))
                .expectEvents(new NotificationMarkedReadEvent(ALICES_INBOX, ALICE.userId(), ALICES_NOTIFICATION));
    }

    @Test
    void a_user_marks_all_their_notifications_read() {
        fixture.given(new NotificationMarkedReadEvent(ALICES_INBOX, ALICE.userId(), ALICES_NOTIFICATION))
                .when(new MarkAllNotificationsReadCommand(ALICES_INBOX, ALICE.userId(), ALICE))
                .expectEvents(new AllNotificationsMarkedReadEvent(ALICES_INBOX, ALICE.userId()));
    }

    @Test
    void marking_another_users_notification_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new MarkNotificationReadCommand(ALICES_INBOX, ALICE.userId(), BOBS_NOTIFICATION, ALICE))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void nobody_else_marks_in_a_users_inbox_not_even_an_admin() {
        fixture.givenNoPriorActivity()
                .when(new MarkNotificationReadCommand(ALICES_INBOX, ALICE.userId(), ALICES_NOTIFICATION, ADMIN))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new MarkAllNotificationsReadCommand(ALICES_INBOX, ALICE.userId(), BOB))
                .expectException(code(ErrorCode.FORBIDDEN))
                .expectNoEvents();
    }

    @Test
    void a_command_addressed_to_the_wrong_inbox_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new MarkAllNotificationsReadCommand(ALICES_INBOX, BOB.userId(), BOB))
                .expectException(code(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
    }

    private static Matcher<Throwable> code(ErrorCode code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code() == code);
    }
}
