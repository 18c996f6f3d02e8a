package io.lms.command.user;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

class InMemoryCredentials implements CredentialStore {

    final Map<String, String> hashes = new ConcurrentHashMap<>();

    @Override
    public void store(String userId, String passwordHash) {
        hashes.put(userId, passwordHash);
    }

    @Override
    public Optional<String> hashOf(String userId) {
        return Optional.ofNullable(hashes.get(userId));
    }

    @Override
    public void remove(String userId) {
        hashes.remove(userId);
    }
}
