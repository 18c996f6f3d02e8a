package io.lms.api.course;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Partial change of a content item: {@code null} fields keep their value; {@code type}, when given, must be the item's. */
public record EditContentCommand(
        @TargetAggregateIdentifier String courseId,
        String contentId,
        Actor actor,
        ContentType type,
        ContentFields changes,
        @TargetAggregateVersion Long expectedVersion) {}
