package io.lms.api.common;

/**
 * Who issues a command: the authenticated user and the role their token carries. Aggregates decide
 * permissions from it; it is never taken from a request body.
 */
public record Actor(String userId, Role role) {

    /** The platform itself, for commands that no request caused (the bootstrap admin, sagas). */
    public static final Actor SYSTEM = new Actor("system", Role.ADMIN);

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean is(String otherUserId) {
        return userId.equals(otherUserId);
    }
}
