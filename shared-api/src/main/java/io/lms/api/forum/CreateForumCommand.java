package io.lms.api.forum;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A new discussion forum of a course; only the course's instructor or an admin opens one. */
public record CreateForumCommand(
        @TargetAggregateIdentifier String forumId, String courseId, Actor actor, String title, String description) {}
