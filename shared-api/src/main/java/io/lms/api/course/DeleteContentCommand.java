package io.lms.api.course;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DeleteContentCommand(
        @TargetAggregateIdentifier String courseId,
        String contentId,
        Actor actor,
        @TargetAggregateVersion Long expectedVersion) {}
