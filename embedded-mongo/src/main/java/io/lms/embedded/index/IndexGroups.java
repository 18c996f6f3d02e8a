package io.lms.embedded.index;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link IndexGroup} of each collection of one database. */
public final class IndexGroups {

    private final Map<String, IndexGroup> groups = new ConcurrentHashMap<>();

    public IndexGroup of(String collectionName) {
        return groups.computeIfAbsent(collectionName, name -> new IndexGroup());
    }

    /**
     * A collection renamed keeps its indexes, and so its group, under the new name; the name it leaves starts afresh
     * (a new collection of that name must not share the moved collection's group).
     */
    public void rename(String from, String to) {
        IndexGroup moved = groups.remove(from);
        if (moved != null) {
            groups.put(to, moved);
        } else {
            groups.remove(to);
        }
    }

    /** A dropped collection's group goes with it. */
    public void drop(String collectionName) {
        groups.remove(collectionName);
    }
}
