package io.lms.api.course;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Partial change of a course's details: {@code null} fields keep their value. */
public record EditCourseCommand(
        @TargetAggregateIdentifier String courseId,
        Actor actor,
        CourseDetails changes,
        @TargetAggregateVersion Long expectedVersion) {}
