package io.lms.api.enrollment;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The review's author replaces its rating and text. */
public record EditReviewCommand(
        @TargetAggregateIdentifier String enrollmentId,
        Actor actor,
        int rating,
        String reviewText,
        @TargetAggregateVersion Long expectedVersion) {}
