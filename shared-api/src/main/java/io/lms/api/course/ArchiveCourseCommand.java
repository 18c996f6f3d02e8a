package io.lms.api.course;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ArchiveCourseCommand(
        @TargetAggregateIdentifier String courseId, Actor actor, @TargetAggregateVersion Long expectedVersion) {}
