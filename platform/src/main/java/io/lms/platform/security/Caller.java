package io.lms.platform.security;

import io.lms.api.common.Actor;
import io.lms.api.common.Role;
import io.lms.api.error.ErrorCode;
import io.lms.platform.error.DomainException;

/** Who sends the current request: a signed-in user with the role their token carries, or nobody. */
public record Caller(String userId, Role role) {

    private static final Caller ANONYMOUS = new Caller(null, null);

    public static Caller anonymous() {
        return ANONYMOUS;
    }

    public boolean authenticated() {
        return userId != null;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean hasRole(Role wanted) {
        return role == wanted;
    }

    public boolean is(String otherUserId) {
        return userId != null && userId.equals(otherUserId);
    }

    /** The caller as the actor of a command; refuses anonymous callers. */
    public Actor actor() {
        requireAuthenticated();
        return new Actor(userId, role);
    }

    public void requireAuthenticated() {
        if (!authenticated()) {
            throw new DomainException(ErrorCode.AUTHENTICATION_REQUIRED, "Sign in first");
        }
    }

    /** Lets the request through only for the user themself or an admin. */
    public void requireSelfOrAdmin(String userId) {
        requireAuthenticated();
        if (!is(userId) && !isAdmin()) {
            throw DomainException.forbidden("Only the user themself or an admin may do this");
        }
    }

    public void requireRole(Role... allowed) {
        requireAuthenticated();
        for (Role r : allowed) {
            if (role == r) {
                return;
            }
        }
        throw DomainException.forbidden("This needs one of the roles " + java.util.Arrays.toString(allowed));
    }
}
