package io.lms.api.enrollment;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * The review's author (or an admin) deletes it; the student may write a new one afterwards. {@code courseId} is
 * the course the request names: a review is found only under its own course.
 */
public record DeleteReviewCommand(
        @TargetAggregateIdentifier String enrollmentId,
        String courseId,
        Actor actor,
        @TargetAggregateVersion Long expectedVersion) {}
