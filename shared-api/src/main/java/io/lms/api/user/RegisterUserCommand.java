package io.lms.api.user;

import io.lms.api.common.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sign up. The password travels only in this command (which is never stored) and is hashed when the
 * command is handled; no event carries it or its hash.
 */
public record RegisterUserCommand(
        @TargetAggregateIdentifier String userId,
        String username,
        String email,
        String password,
        Role role,
        Profile profile) {

    @Override
    public String toString() {
        return "RegisterUserCommand[userId=" + userId + ", username=" + username + ", role=" + role + "]";
    }
}
