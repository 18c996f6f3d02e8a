package io.lms.command.user;

import java.util.Optional;

/**
 * Where password hashes live: on the command side only, never in an event, a read model or a response. Events
 * record that a password was set or changed; the hash itself is kept here.
 */
public interface CredentialStore {

    void store(String userId, String passwordHash);

    Optional<String> hashOf(String userId);

    void remove(String userId);
}
