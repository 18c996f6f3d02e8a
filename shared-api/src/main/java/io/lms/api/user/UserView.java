package io.lms.api.user;

import io.lms.api.common.Role;
import java.time.Instant;

/**
 * A user as the query side renders it. {@code email}, {@code createdAt} and {@code updatedAt} are only
 * filled for the user themself and admins; there is no password hash field at all.
 */
public record UserView(
        String id, String username, String email, Role role, Profile profile, Instant createdAt, Instant updatedAt) {

    public UserView publicPart() {
        return new UserView(id, username, null, role, profile, null, null);
    }
}
