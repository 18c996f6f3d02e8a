package io.lms.command.forum;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ForumConfiguration {

    /**
     * A forum's snapshot grows with its posts (16 bytes each), unlike a course's or a user's, so it is taken less
     * often than theirs: every {@code lms.snapshot.forum-threshold} events. A cold load then reads one snapshot and
     * at most that many events, and a busy forum does not write a large snapshot every few posts.
     */
    @Bean
    SnapshotTriggerDefinition forumSnapshotTrigger(
            Snapshotter snapshotter, @Value("${lms.snapshot.forum-threshold:250}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
