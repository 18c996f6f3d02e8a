package io.lms.api.user;

import org.axonframework.serialization.Revision;

/** The whole profile as it is after the change. */
@Revision("1")
public record UserProfileChangedEvent(String userId, Profile profile) {}
