package io.lms.api.enrollment;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The actor enrolls in the course. {@code enrollmentId} is {@link EnrollmentKey#enrollmentId()} of the actor and
 * the course: the first enrollment creates the aggregate, a later one reactivates it.
 */
public record EnrollCommand(@TargetAggregateIdentifier String enrollmentId, String courseId, Actor actor) {}
