package io.lms.api.enrollment;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * The review's author replaces its rating and text. {@code courseId} is the course the request names: a review
 * is found only under its own course.
 */
public record EditReviewCommand(
        @TargetAggregateIdentifier String enrollmentId,
        String courseId,
        Actor actor,
        int rating,
        String reviewText,
        @TargetAggregateVersion Long expectedVersion) {}
