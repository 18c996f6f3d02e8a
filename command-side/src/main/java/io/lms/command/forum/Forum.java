package io.lms.command.forum;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.lms.api.common.Actor;
import io.lms.api.error.ErrorCode;
import io.lms.api.forum.AddPostCommand;
import io.lms.api.forum.CreateForumCommand;
import io.lms.api.forum.DeletePostCommand;
import io.lms.api.forum.EditForumCommand;
import io.lms.api.forum.EditPostCommand;
import io.lms.api.forum.ForumCreatedEvent;
import io.lms.api.forum.ForumEditedEvent;
import io.lms.api.forum.ForumPostAddedEvent;
import io.lms.api.forum.ForumPostDeletedEvent;
import io.lms.api.forum.ForumPostEditedEvent;
import io.lms.platform.error.DomainException;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A course's discussion forum and its threads of posts. Decides who opens and edits it (the course's instructor,
 * an admin), who posts (an actively enrolled student, the instructor, an admin), that a reply answers a post of
 * this forum, that only the author edits a post, and who deletes one (author, instructor, admin).
 *
 * <p>Its state is what those rules need: the course, its instructor, the title (for notification texts) and a
 * {@link PostTable} of post ids with their authors and deleted flags. Post contents live in the events and the
 * read model only, so a forum of 100,000 posts loads and snapshots as a table of 16 bytes a post.
 */
@Aggregate(snapshotTriggerDefinition = "forumSnapshotTrigger", cache = "aggregateCache")
public class Forum {

    @AggregateIdentifier
    private String forumId;

    private String courseId;
    private String instructorId;
    private String title;
    private PostTable posts = new PostTable();

    protected Forum() {}

    @CommandHandler
    public Forum(CreateForumCommand command, ForumMembership membership) {
        ForumRules.objectId("course_id", command.courseId());
        String instructor = membership
                .courseInstructor(command.courseId())
                .orElseThrow(() -> DomainException.notFound("course", command.courseId()));
        Actor actor = command.actor();
        if (actor == null || (!actor.is(instructor) && !actor.isAdmin())) {
            throw DomainException.forbidden("Only the course's instructor or an admin opens a forum on it");
        }
        apply(new ForumCreatedEvent(
                command.forumId(),
                command.courseId(),
                instructor,
                actor.userId(),
                ForumRules.title(command.title()),
                ForumRules.description(command.description())));
    }

    @CommandHandler
    public void handle(EditForumCommand command) {
        requireModerator(command.actor(), "Only the course's instructor or an admin edits its forums");
        String newTitle = command.title() == null ? null : ForumRules.title(command.title());
        String newDescription = command.description() == null ? null : ForumRules.description(command.description());
        if (Objects.equals(newTitle, title)) {
            newTitle = null;
        }
        if (newTitle != null || newDescription != null) {
            apply(new ForumEditedEvent(forumId, courseId, newTitle, newDescription));
        }
    }

    @CommandHandler
    public void handle(AddPostCommand command, ForumMembership membership) {
        Actor actor = command.actor();
        if (actor == null
                || !(actor.isAdmin()
                        || actor.is(instructorId)
                        || membership.isActivelyEnrolled(actor.userId(), courseId))) {
            throw new DomainException(
                    ErrorCode.NOT_A_FORUM_MEMBER,
                    "Only students actively enrolled in the course, its instructor and admins post in its forums");
        }
        String postId = ForumRules.objectId("post_id", command.postId());
        if (posts.contains(postId)) {
            throw DomainException.invalid("post_id", "must be a new post id");
        }
        String content = ForumRules.content(command.content());
        String parentAuthor = null;
        if (command.parentPostId() != null) {
            parentAuthor = posts.authorOf(command.parentPostId());
            if (parentAuthor == null) {
                throw new DomainException(
                        ErrorCode.INVALID_PARENT_POST,
                        "parent_post_id " + command.parentPostId() + " is not a post of this forum");
            }
        }
        apply(new ForumPostAddedEvent(
                forumId, postId, courseId, actor.userId(), content, command.parentPostId(), parentAuthor, title));
    }

    @CommandHandler
    public void handle(EditPostCommand command) {
        String author = existingAuthor(command.postId());
        if (command.actor() == null || !command.actor().is(author)) {
            throw DomainException.forbidden("Only its author edits a post");
        }
        if (posts.isDeleted(command.postId())) {
            throw new DomainException(ErrorCode.POST_DELETED, "The post was deleted; it cannot be edited");
        }
        apply(new ForumPostEditedEvent(
                forumId, command.postId(), courseId, author, ForumRules.content(command.content())));
    }

    /** Deleting a deleted post again changes nothing and succeeds, so that a repeated DELETE is harmless. */
    @CommandHandler
    public void handle(DeletePostCommand command) {
        String author = existingAuthor(command.postId());
        Actor actor = command.actor();
        if (actor == null || !(actor.is(author) || actor.is(instructorId) || actor.isAdmin())) {
            throw DomainException.forbidden("Only its author, the course's instructor or an admin deletes a post");
        }
        if (!posts.isDeleted(command.postId())) {
            apply(new ForumPostDeletedEvent(forumId, command.postId(), courseId, author, actor.userId()));
        }
    }

    @EventSourcingHandler
    void on(ForumCreatedEvent event) {
        forumId = event.forumId();
        courseId = event.courseId();
        instructorId = event.instructorId();
        title = event.title();
    }

    @EventSourcingHandler
    void on(ForumEditedEvent event) {
        if (event.title() != null) {
            title = event.title();
        }
    }

    @EventSourcingHandler
    void on(ForumPostAddedEvent event) {
        posts.add(event.postId(), event.authorId());
    }

    @EventSourcingHandler
    void on(ForumPostDeletedEvent event) {
        posts.markDeleted(event.postId());
    }

    int postCount() {
        return posts.size();
    }

    private String existingAuthor(String postId) {
        String author = posts.authorOf(postId);
        if (author == null) {
            throw DomainException.notFound("post in this forum", postId);
        }
        return author;
    }

    private void requireModerator(Actor actor, String refusal) {
        if (actor == null || (!actor.is(instructorId) && !actor.isAdmin())) {
            throw DomainException.forbidden(refusal);
        }
    }
}
