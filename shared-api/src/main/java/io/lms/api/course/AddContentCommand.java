package io.lms.api.course;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** A new content item of the course; its id is chosen by the sender (a new ObjectId). */
public record AddContentCommand(
        @TargetAggregateIdentifier String courseId,
        String contentId,
        Actor actor,
        ContentType type,
        ContentFields fields,
        @TargetAggregateVersion Long expectedVersion) {}
