package io.lms.api.user;

import io.lms.api.common.Role;

/** A user as other signed-in users see them. */
public record UserPublicView(String id, String username, Role role, Profile profile) {}
