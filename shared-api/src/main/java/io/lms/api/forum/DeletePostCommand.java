package io.lms.api.forum;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Soft deletion of a post: its content goes, its replies stay. */
public record DeletePostCommand(
        @TargetAggregateIdentifier String forumId,
        String postId,
        Actor actor,
        @TargetAggregateVersion Long expectedVersion) {}
