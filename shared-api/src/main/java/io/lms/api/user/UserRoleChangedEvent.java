package io.lms.api.user;

import io.lms.api.common.Role;
import org.axonframework.serialization.Revision;

@Revision("1")
public record UserRoleChangedEvent(String userId, Role role, Role previousRole) {}
