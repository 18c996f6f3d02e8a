package io.lms.command.forum;

import io.lms.command.axon.BackgroundSnapshotter;
import io.lms.command.axon.SnapshotAfterLoadTriggerDefinition;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ForumConfiguration {

    /**
     * A forum's snapshot grows with its posts (16 bytes each), unlike a course's or a user's, so it is taken less
     * often than theirs: every {@code lms.snapshot.forum-threshold} events. A cold load then reads one snapshot and
     * at most that many events, and a busy forum does not write a large snapshot every few posts. A load replaying a
     * long history (no snapshot yet) schedules one snapshot, not one for every {@code threshold} events it replays;
     * and the snapshot is taken on the {@link ForumSnapshotThread}, not in the command that triggered it, so the commands
     * queued on a busy forum do not wait for its 2 MB snapshot.
     */
    @Bean
    SnapshotTriggerDefinition forumSnapshotTrigger(
            Snapshotter snapshotter,
            ForumSnapshotThread forumSnapshotThread,
            @Value("${lms.snapshot.forum-threshold:250}") int threshold) {
        return new SnapshotAfterLoadTriggerDefinition(
                new BackgroundSnapshotter(snapshotter, forumSnapshotThread::execute), threshold);
    }

    /** Not an {@code Executor} bean, which would turn off Spring Boot's own task executor. */
    @Bean(destroyMethod = "close")
    ForumSnapshotThread forumSnapshotThread() {
        return new ForumSnapshotThread();
    }

    /** The forum's knowledge of courses and enrollments: the event store's, each answer kept for its command. */
    @Bean
    ForumMembership forumMembership(EventStore eventStore) {
        return new RememberedMembership(new EventStoreForumMembership(eventStore));
    }

    /**
     * The bean is the interceptor's registration on the command bus, not the interceptor: Axon's Spring Boot
     * configuration also registers every {@code MessageHandlerInterceptor} bean on the bus, and the interceptor
     * would then run twice for every command.
     */
    @Bean
    Registration membershipBeforeLock(
            CommandBus commandBus,
            EventStore eventStore,
            ForumMembership forumMembership,
            @Value("${lms.aggregate-cache.max-entries:10000}") int maxEntries) {
        return commandBus.registerHandlerInterceptor(
                new MembershipBeforeLock(new ForumCourses(eventStore, maxEntries), forumMembership));
    }
}
