package io.lms.api.user;

import io.lms.api.common.Actor;
import io.lms.api.common.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ChangeUserRoleCommand(
        @TargetAggregateIdentifier String userId,
        Actor actor,
        Role role,
        @TargetAggregateVersion Long expectedVersion) {}
