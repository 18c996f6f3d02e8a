package io.lms.api.user;

import io.lms.api.common.Actor;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ChangeUserPasswordCommand(
        @TargetAggregateIdentifier String userId,
        Actor actor,
        String currentPassword,
        String newPassword,
        @TargetAggregateVersion Long expectedVersion) {

    @Override
    public String toString() {
        return "ChangeUserPasswordCommand[userId=" + userId + "]";
    }
}
