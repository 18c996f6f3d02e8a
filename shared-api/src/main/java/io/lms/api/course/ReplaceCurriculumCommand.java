package io.lms.api.course;

import io.lms.api.common.Actor;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The whole curriculum, replacing the current one. */
public record ReplaceCurriculumCommand(
        @TargetAggregateIdentifier String courseId,
        Actor actor,
        List<Topic> topics,
        @TargetAggregateVersion Long expectedVersion) {}
