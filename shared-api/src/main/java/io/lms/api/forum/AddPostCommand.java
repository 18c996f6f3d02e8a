package io.lms.api.forum;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** A new post in a forum; with {@code parentPostId} a reply to that post of the same forum. */
public record AddPostCommand(
        @TargetAggregateIdentifier String forumId,
        String postId,
        Actor actor,
        String content,
        String parentPostId,
        @TargetAggregateVersion Long expectedVersion) {}
