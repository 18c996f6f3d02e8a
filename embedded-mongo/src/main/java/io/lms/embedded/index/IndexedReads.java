package io.lms.embedded.index;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;

/**
 * The two reads a collection's secondary indexes answer beyond narrowing the candidates: a sorted query whose
 * candidates come out of an index already in the sort's order (so that skip and limit stop early instead of
 * every candidate being read and sorted), and a count that the index's entries answer without reading a document.
 */
public final class IndexedReads {

    private IndexedReads() {}

    /**
     * Candidates' positions in sort order, and how many matching documents are still to be skipped.
     *
     * @param <P> the backend's document position
     */
    public record Ordered<P>(Iterable<P> positions, int skip) {}

    /**
     * The candidates' positions in the order of {@code orderBy}, or null when no index gives that order or another
     * index reads fewer entries for the query (the few candidates are then read and sorted, as MongoDB's planner
     * prefers a selective index to one that gives the order); the first {@code skip} are passed over in the index
     * where it answers the query alone.
     */
    public static <P> Ordered<P> inSortOrder(List<Index<P>> indexes, Document query, Document orderBy, int skip) {
        for (Index<P> index : indexes) {
            if (index instanceof SecondaryIndex<P> secondary) {
                Ordered<P> positions = secondary.positionsSortedBy(query, orderBy, skip);
                if (positions != null && secondary.readsFewestEntriesFor(query)) {
                    return positions;
                }
            }
        }
        return null;
    }

    /**
     * How many documents match {@code query} after {@code skip}, at most {@code limit} (when positive), counted
     * from an index, or -1 when no index answers the query exactly.
     */
    public static <P> long count(List<Index<P>> indexes, Document query, int skip, int limit) {
        for (Index<P> index : indexes) {
            if (index instanceof SecondaryIndex<P> secondary) {
                long count = secondary.exactCount(query);
                if (count >= 0) {
                    long skipped = Math.max(0, count - Math.max(0, skip));
                    return limit > 0 ? Math.min(skipped, limit) : skipped;
                }
            }
        }
        return -1;
    }
}
