package io.lms.api.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotificationKeyTest {

    private static final String ALICE = "6b06eb3caa76f936f62db6f1";
    private static final String BOB = "6b06eb3caa76f936f62db6f2";

    @Test
    void the_same_cause_and_user_give_the_same_object_id_shaped_id() {
        String id = new NotificationKey("forum_reply:p1", ALICE).notificationId();

        assertThat(id)
                .matches("^[0-9a-f]{24}$")
                .isEqualTo(new NotificationKey("forum_reply:p1", ALICE).notificationId());
    }

    @Test
    void another_cause_or_user_gives_another_id() {
        String id = new NotificationKey("forum_reply:p1", ALICE).notificationId();

        assertThat(new NotificationKey("forum_reply:p2", ALICE).notificationId())
                .isNotEqualTo(id);
        assertThat(new NotificationKey("forum_reply:p1", BOB).notificationId()).isNotEqualTo(id);
    }

    @Test
    void an_id_belongs_to_its_user_only() {
        String id = new NotificationKey("course_update:c1:4", ALICE).notificationId();

        assertThat(NotificationKey.belongsTo(id, ALICE)).isTrue();
        assertThat(NotificationKey.belongsTo(id, BOB)).isFalse();
        assertThat(NotificationKey.belongsTo("not-an-id", ALICE)).isFalse();
    }

    @Test
    void the_inbox_of_a_user_is_not_the_user_aggregate() {
        assertThat(new InboxKey(ALICE).inboxId()).matches("^[0-9a-f]{24}$").isNotEqualTo(ALICE);
    }
}
