package io.lms.command.lookup;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The unique-key lookup's contract, in memory, for aggregate fixtures. */
public class InMemoryUniqueKeys implements UniqueKeyRegistry {

    public final Map<String, String> owners = new ConcurrentHashMap<>();

    @Override
    public boolean claim(String key, String owner) {
        return owners.putIfAbsent(key, owner) == null || owners.get(key).equals(owner);
    }

    @Override
    public void release(String key, String owner) {
        owners.remove(key, owner);
    }

    @Override
    public Optional<String> ownerOf(String key) {
        return Optional.ofNullable(owners.get(key));
    }
}
