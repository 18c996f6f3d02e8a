package io.lms.command.lookup;

import java.util.Locale;
import java.util.Optional;

/**
 * The command side's set-based lookup for values that must be unique across aggregates (usernames, emails,
 * later slugs). A claim is decided atomically by the store, so that two concurrent commands cannot both win.
 */
public interface UniqueKeyRegistry {

    /** Claims {@code key} for {@code owner}; {@code false} when another owner holds it. Claiming one's own key again succeeds. */
    boolean claim(String key, String owner);

    /** Gives up {@code owner}'s claim (a no-op when someone else holds the key). */
    void release(String key, String owner);

    Optional<String> ownerOf(String key);

    static String usernameKey(String username) {
        return "username:" + username.trim().toLowerCase(Locale.ROOT);
    }

    static String emailKey(String email) {
        return "email:" + email.trim().toLowerCase(Locale.ROOT);
    }
}
