package io.lms.api.user;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Partial change of a profile: a {@code null} field keeps its current value. */
public record ChangeUserProfileCommand(
        @TargetAggregateIdentifier String userId,
        Actor actor,
        String fullName,
        String bio,
        String avatarUrl,
        @TargetAggregateVersion Long expectedVersion) {}
