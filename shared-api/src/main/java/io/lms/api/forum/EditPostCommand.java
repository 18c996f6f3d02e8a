package io.lms.api.forum;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** New content for a post; only its author edits it. */
public record EditPostCommand(
        @TargetAggregateIdentifier String forumId,
        String postId,
        Actor actor,
        String content,
        @TargetAggregateVersion Long expectedVersion) {}
