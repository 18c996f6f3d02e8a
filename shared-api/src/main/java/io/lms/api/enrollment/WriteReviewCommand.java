package io.lms.api.enrollment;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The enrolled student reviews the course. A review belongs to its enrollment (one each), so its id is the
 * enrollment's id.
 */
public record WriteReviewCommand(
        @TargetAggregateIdentifier String enrollmentId, Actor actor, int rating, String reviewText) {}
