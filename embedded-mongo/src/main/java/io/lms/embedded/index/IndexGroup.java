package io.lms.embedded.index;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The secondary indexes of one collection. The library asks its indexes in order and takes the first that can
 * serve a query; the group makes only the best of them say yes: the one fixing the most keys by equality (then a
 * range), the earliest created on a tie.
 */
public final class IndexGroup {

    private final List<SecondaryIndex<?>> indexes = new CopyOnWriteArrayList<>();

    void add(SecondaryIndex<?> index) {
        indexes.add(index);
    }

    void remove(SecondaryIndex<?> index) {
        indexes.remove(index);
    }

    boolean isBestFor(SecondaryIndex<?> candidate, int score, Document query) {
        boolean before = true;
        for (SecondaryIndex<?> other : indexes) {
            if (other == candidate) {
                before = false;
                continue;
            }
            IndexScan scan = other.scanFor(query);
            if (scan != null && (scan.score() > score || (before && scan.score() == score))) {
                return false;
            }
        }
        return true;
    }
}
