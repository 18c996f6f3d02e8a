package io.lms.embedded.index;

import de.bwaldvogel.mongo.backend.Index;
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

    private final CopyOnWriteArrayList<SecondaryIndex<?>> indexes = new CopyOnWriteArrayList<>();

    /**
     * Lets {@code index} take part in its group's choice once its collection holds it ({@code held}: the collection's
     * indexes after it was asked to add {@code index}). The library makes a new index for every index a
     * {@code createIndexes} names, also for one the collection already has (it then keeps the one it has, as it does
     * when the build of a new one fails): such an index, had it joined its group when made, would stay there empty,
     * read the fewest entries and so win every choice, while the collection cannot read it, so that every query it
     * would serve became a collection scan (the event store's {@code aggregateKey_unique}, named again at each start
     * of a service).
     */
    static <P> void join(List<Index<P>> held, Index<P> index) {
        if (held.stream().noneMatch(kept -> kept == index)) {
            return;
        }
        if (index instanceof SecondaryIndex<P> secondary) {
            secondary.joinGroup();
        } else if (index instanceof UniqueRangeIndex<P> unique) {
            unique.joinGroup();
        }
    }

    void add(SecondaryIndex<?> index) {
        indexes.addIfAbsent(index);
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
