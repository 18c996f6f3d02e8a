package io.lms.api.user;

import io.lms.api.common.Role;
import org.axonframework.serialization.Revision;

/** A user signed up (or the bootstrap admin was created). The email is kept as given; its case-folded form is the unique key. */
@Revision("1")
public record UserRegisteredEvent(String userId, String username, String email, Role role, Profile profile) {}
