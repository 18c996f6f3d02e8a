package io.lms.embedded.index;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link IndexGroup} of each collection of one database. */
public final class IndexGroups {

    private final Map<String, IndexGroup> groups = new ConcurrentHashMap<>();

    public IndexGroup of(String collectionName) {
        return groups.computeIfAbsent(collectionName, name -> new IndexGroup());
    }
}
