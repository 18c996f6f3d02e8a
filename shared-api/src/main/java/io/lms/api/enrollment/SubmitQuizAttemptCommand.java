package io.lms.api.enrollment;

import io.lms.api.common.Actor;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The student's answers to a quiz of the course, one option index per question, in question order. */
public record SubmitQuizAttemptCommand(
        @TargetAggregateIdentifier String enrollmentId,
        Actor actor,
        String contentId,
        List<Integer> answers,
        @TargetAggregateVersion Long expectedVersion) {}
