package io.lms.api.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates the first admin from configuration when the command side starts; nobody can send it over REST. */
public record RegisterBootstrapAdminCommand(
        @TargetAggregateIdentifier String userId, String username, String email, String password) {

    @Override
    public String toString() {
        return "RegisterBootstrapAdminCommand[userId=" + userId + ", username=" + username + "]";
    }
}
