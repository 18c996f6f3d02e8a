package io.lms.api.enrollment;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The student (or an admin) ends an active enrollment; its history, progress and certificate stay. */
public record UnenrollCommand(
        @TargetAggregateIdentifier String enrollmentId, Actor actor, @TargetAggregateVersion Long expectedVersion) {}
