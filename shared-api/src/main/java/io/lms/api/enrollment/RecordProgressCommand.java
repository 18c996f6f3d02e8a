package io.lms.api.enrollment;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * The student started or completed a content item of the course. {@code progress} (0–100, optional) is how far
 * into a video they are; the course progress is never sent, the aggregate computes it.
 */
public record RecordProgressCommand(
        @TargetAggregateIdentifier String enrollmentId,
        Actor actor,
        String contentId,
        ProgressStatus status,
        Integer progress,
        @TargetAggregateVersion Long expectedVersion) {}
