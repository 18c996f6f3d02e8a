package io.lms.api.user;

/** What a user tells about themself. Every field may be absent. */
public record Profile(String fullName, String bio, String avatarUrl) {

    public static final Profile EMPTY = new Profile(null, null, null);

    /** This profile with the given fields replaced; a {@code null} argument keeps the current value. */
    public Profile merge(String newFullName, String newBio, String newAvatarUrl) {
        return new Profile(
                newFullName != null ? newFullName : fullName,
                newBio != null ? newBio : bio,
                newAvatarUrl != null ? newAvatarUrl : avatarUrl);
    }
}
