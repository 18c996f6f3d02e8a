package io.lms.command.forum;

import io.lms.api.common.Actor;
import io.lms.api.forum.AddPostCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Reads a poster's enrollment before the forum is loaded, and so before its lock is taken: the read is of another
 * aggregate's stream, which the forum's lock does not guard, and it is one of the two round trips a post made while
 * holding the lock (the other is the append), so the posts queued on a busy forum waited for it too. The answer is
 * kept in the unit of work by {@link RememberedMembership}, where the forum's own rule 21 check finds it; the forum
 * still decides. Admins and the instructor post without an enrollment, so nothing is read for them; an unknown
 * forum is left to the forum's handler to refuse.
 */
class MembershipBeforeLock implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final ForumCourses forums;
    private final ForumMembership membership;

    MembershipBeforeLock(ForumCourses forums, ForumMembership membership) {
        this.forums = forums;
        this.membership = membership;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof AddPostCommand post) {
            Actor actor = post.actor();
            if (actor != null && !actor.isAdmin()) {
                forums.of(post.forumId())
                        .filter(forum -> !actor.is(forum.instructorId()))
                        .ifPresent(forum -> membership.isActivelyEnrolled(actor.userId(), forum.courseId()));
            }
        }
        return chain.proceed();
    }
}
