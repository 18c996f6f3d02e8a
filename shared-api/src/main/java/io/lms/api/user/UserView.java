package io.lms.api.user;

import io.lms.api.common.Role;
import java.time.Instant;

/**
 * A user as the user themself and admins see it. There is no password hash field at all: the hash never
 * leaves the command side.
 */
public record UserView(
        String id, String username, String email, Role role, Profile profile, Instant createdAt, Instant updatedAt) {}
