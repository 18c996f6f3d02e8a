package io.lms.api.user;

import org.axonframework.serialization.Revision;

/** The password was replaced. Deliberately carries neither the password nor its hash. */
@Revision("1")
public record UserPasswordChangedEvent(String userId) {}
