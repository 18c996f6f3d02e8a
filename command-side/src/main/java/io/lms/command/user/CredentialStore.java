package io.lms.command.user;

import java.util.Optional;

/**
 * Where password hashes live: on the command side only, never in an event, a read model or a response. Events
 * record that a password was set or changed; the hash itself is kept here.
 *
 * <p>Next to the hash, a <em>security stamp</em>: a counter that moves on whenever the user's sessions must end (a
 * new password, a new role, a refresh token used twice). A session keeps the stamp it started with, and refreshes
 * only while that is still the current one. The stamp is read in the same document as the hash, so a sign-in that
 * checked the old password always holds the old stamp.
 */
public interface CredentialStore {

    /** Stores a new hash and moves the security stamp on: sessions started before end. */
    void store(String userId, String passwordHash);

    Optional<Credentials> find(String userId);

    default Optional<String> hashOf(String userId) {
        return find(userId).map(Credentials::passwordHash);
    }

    /** Moves the security stamp on: every session of the user ends at its next refresh. */
    void endSessions(String userId);

    void remove(String userId);

    record Credentials(String passwordHash, long securityStamp) {}
}
