package io.lms.command.user;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

class InMemoryCredentials implements CredentialStore {

    final Map<String, Credentials> stored = new ConcurrentHashMap<>();

    @Override
    public void store(String userId, String passwordHash) {
        stored.merge(
                userId,
                new Credentials(passwordHash, 1),
                (old, given) -> new Credentials(passwordHash, old.securityStamp() + 1));
    }

    @Override
    public Optional<Credentials> find(String userId) {
        return Optional.ofNullable(stored.get(userId));
    }

    @Override
    public void endSessions(String userId) {
        stored.computeIfPresent(userId, (id, old) -> new Credentials(old.passwordHash(), old.securityStamp() + 1));
    }

    @Override
    public void remove(String userId) {
        stored.remove(userId);
    }

    long stampOf(String userId) {
        return stored.get(userId).securityStamp();
    }
}
