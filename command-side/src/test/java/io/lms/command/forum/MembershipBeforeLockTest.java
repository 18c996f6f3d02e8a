package io.lms.command.forum;

import static io.lms.command.forum.ForumFixture.COURSE;
import static io.lms.command.forum.ForumFixture.FORUM;
import static io.lms.command.forum.ForumFixture.OUTSIDER;
import static io.lms.command.forum.ForumFixture.STUDENT;
import static io.lms.command.forum.ForumFixture.TEACHER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lms.api.error.ErrorCode;
import io.lms.api.forum.AddPostCommand;
import io.lms.api.forum.CreateForumCommand;
import io.lms.api.forum.ForumPostAddedEvent;
import io.lms.platform.error.DomainException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A post's enrollment read happens before the forum is locked, and once: the forum, wired as the command side
 * wires it (Axon's repository with its pessimistic lock, the interceptor on the command bus), with a membership
 * whose read for one student can be held open.
 */
class MembershipBeforeLockTest {

    private static final String STUDENT_POST = "6b06eb3caa76f936f62db820";
    private static final String TEACHER_POST = "6b06eb3caa76f936f62db821";
    private static final String UNKNOWN_FORUM = "6b06eb3caa76f936f62db8ff";

    private final HeldMembership held = new HeldMembership(new ForumFixture.Membership().enrolled(STUDENT));
    private Configuration axon;

    @BeforeEach
    void start() {
        RememberedMembership membership = new RememberedMembership(held);
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Forum.class)
                .registerComponent(ForumMembership.class, c -> membership)
                .buildConfiguration();
        axon.start();
        axon.commandBus()
                .registerHandlerInterceptor(
                        new MembershipBeforeLock(new ForumCourses(axon.eventStore(), 10), membership));
        axon.commandGateway().sendAndWait(new CreateForumCommand(FORUM, COURSE, TEACHER, "Questions", null));
    }

    @AfterEach
    void stop() {
        held.release.countDown();
        axon.shutdown();
    }

    @Test
    void a_post_waiting_for_its_enrollment_read_does_not_hold_the_forum() throws Exception {
        held.holdReadsOf = STUDENT.userId();
        CompletableFuture<Object> studentPost = CompletableFuture.supplyAsync(() -> send(STUDENT_POST, STUDENT));
        assertThat(held.reading.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Object> teacherPost = CompletableFuture.supplyAsync(() -> send(TEACHER_POST, TEACHER));
        teacherPost.get(10, TimeUnit.SECONDS);
        assertThat(studentPost).isNotDone();

        held.release.countDown();
        studentPost.get(10, TimeUnit.SECONDS);
        assertThat(postsInStore()).containsExactly(TEACHER_POST, STUDENT_POST);
    }

    @Test
    void a_students_post_reads_the_enrollment_once() {
        send(STUDENT_POST, STUDENT);

        assertThat(held.reads.get()).isEqualTo(1);
        assertThat(postsInStore()).containsExactly(STUDENT_POST);
    }

    @Test
    void the_instructors_post_reads_no_enrollment() {
        send(TEACHER_POST, TEACHER);

        assertThat(held.reads.get()).isZero();
    }

    @Test
    void a_student_without_an_enrollment_is_still_refused_by_the_forum() {
        assertThatThrownBy(() -> send(STUDENT_POST, OUTSIDER))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_A_FORUM_MEMBER));
        assertThat(postsInStore()).isEmpty();
    }

    @Test
    void a_post_to_an_unknown_forum_reads_no_enrollment_and_is_refused_by_the_repository() {
        assertThatThrownBy(() -> axon.commandGateway()
                        .sendAndWait(new AddPostCommand(UNKNOWN_FORUM, STUDENT_POST, STUDENT, "Hello", null, null)))
                .isInstanceOf(AggregateNotFoundException.class);
        assertThat(held.reads.get()).isZero();
    }

    private Object send(String postId, io.lms.api.common.Actor actor) {
        return axon.commandGateway().sendAndWait(new AddPostCommand(FORUM, postId, actor, "Hello", null, null));
    }

    private List<String> postsInStore() {
        return axon.eventStore()
                .readEvents(FORUM)
                .asStream()
                .filter(e -> e.getPayload() instanceof ForumPostAddedEvent)
                .map(e -> ((ForumPostAddedEvent) e.getPayload()).postId())
                .toList();
    }

    /** Counts enrollment reads, and holds those of one user until released. */
    private static final class HeldMembership implements ForumMembership {

        final ForumMembership answers;
        final AtomicInteger reads = new AtomicInteger();
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile String holdReadsOf;

        HeldMembership(ForumMembership answers) {
            this.answers = answers;
        }

        @Override
        public Optional<String> courseInstructor(String courseId) {
            return answers.courseInstructor(courseId);
        }

        @Override
        public boolean isActivelyEnrolled(String userId, String courseId) {
            reads.incrementAndGet();
            if (userId.equals(holdReadsOf)) {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return answers.isActivelyEnrolled(userId, courseId);
        }
    }
}
