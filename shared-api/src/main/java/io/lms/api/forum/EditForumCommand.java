package io.lms.api.forum;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Partial change of a forum: {@code null} fields keep their value. */
public record EditForumCommand(
        @TargetAggregateIdentifier String forumId,
        Actor actor,
        String title,
        String description,
        @TargetAggregateVersion Long expectedVersion) {}
