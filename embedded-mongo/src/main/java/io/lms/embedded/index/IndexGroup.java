package io.lms.embedded.index;

import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The secondary indexes of one collection, which choose among themselves the one that serves a query. The library
 * asks its indexes in order and takes the first that can serve a query; the group makes only the chosen one say
 * yes: the one whose scan reads the fewest entries ({@link #fewestEntries}), then the one fixing the most keys by
 * equality (then a range), then the earliest created.
 */
public final class IndexGroup {

    /**
     * How many entries of each scan are read at most to choose the index that gives the candidates. Scans with more
     * than this many are alike to the choice (it falls to the keys they fix); the chosen read then reads at least
     * this many itself.
     */
    static final int ENTRIES_COMPARED = 10_000;

    /**
     * How many entries of each scan are read at most to decide whether an index's order may serve a sorted read,
     * which stops after the page's matches: fewer, so that the choice does not cost more than the page.
     */
    static final int ENTRIES_COMPARED_FOR_ORDER = 1_000;

    private final List<SecondaryIndex<?>> indexes = new CopyOnWriteArrayList<>();

    void add(SecondaryIndex<?> index) {
        indexes.add(index);
    }

    void remove(SecondaryIndex<?> index) {
        indexes.remove(index);
    }

    /** Whether {@code candidate} is the index chosen to serve {@code query}. */
    boolean isBestFor(SecondaryIndex<?> candidate, Document query) {
        SecondaryIndex<?> best = null;
        int bestScore = -1;
        for (SecondaryIndex<?> index : fewestEntries(query, ENTRIES_COMPARED)) {
            int score = index.scanFor(query).score();
            if (score > bestScore) {
                best = index;
                bestScore = score;
            }
        }
        return best == candidate;
    }

    /**
     * The indexes that can narrow {@code query} whose scans read the fewest entries, in the order they were created.
     * Their scans are read side by side, one entry of each in turn, until one ends (as MongoDB's planner runs the
     * candidate plans side by side until one is done), so the comparison costs at most a few times the entries of
     * the smallest scan, or {@code compared} each when every scan is larger; those all tie.
     */
    List<SecondaryIndex<?>> fewestEntries(Document query, int compared) {
        List<SecondaryIndex<?>> candidates = new ArrayList<>();
        List<Iterator<IndexEntry>> scans = new ArrayList<>();
        for (SecondaryIndex<?> index : indexes) {
            IndexScan scan = index.scanFor(query);
            if (scan != null) {
                candidates.add(index);
                scans.add(index.entries(scan));
            }
        }
        if (candidates.size() < 2) {
            return candidates;
        }
        for (int read = 0; read < compared; read++) {
            List<SecondaryIndex<?>> ended = new ArrayList<>();
            for (int i = 0; i < candidates.size(); i++) {
                if (!scans.get(i).hasNext()) {
                    ended.add(candidates.get(i));
                } else {
                    scans.get(i).next();
                }
            }
            if (!ended.isEmpty()) {
                return ended;
            }
        }
        return candidates;
    }
}
