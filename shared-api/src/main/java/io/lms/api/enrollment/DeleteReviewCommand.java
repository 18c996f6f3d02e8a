package io.lms.api.enrollment;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The review's author (or an admin) deletes it; the student may write a new one afterwards. */
public record DeleteReviewCommand(
        @TargetAggregateIdentifier String enrollmentId, Actor actor, @TargetAggregateVersion Long expectedVersion) {}
