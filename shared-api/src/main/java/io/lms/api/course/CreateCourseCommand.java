package io.lms.api.course;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A new draft course; the actor becomes its instructor. A {@code null} slug is derived from the title. */
public record CreateCourseCommand(@TargetAggregateIdentifier String courseId, Actor actor, CourseDetails details) {}
