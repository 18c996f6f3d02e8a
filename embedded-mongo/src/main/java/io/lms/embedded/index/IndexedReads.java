package io.lms.embedded.index;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
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
     * The positions of exactly the documents {@code query} matches when it is {@code {_id: {$in: [values]}}} (plain
     * values), looked up in the {@code _id} index, or null otherwise. The library checks each candidate against the
     * query again, and its {@code $in} goes through the list for each: n² for n ids, most of a tracking window's
     * read. The index's lookups are exact for plain values, so the candidates need no second check.
     */
    public static <P> Iterable<P> exactIdLookup(List<Index<P>> indexes, Document query) {
        if (query.size() != 1 || !(query.get("_id") instanceof Document condition)) {
            return null;
        }
        if (condition.size() != 1 || !(condition.get("$in") instanceof Collection<?> values)) {
            return null;
        }
        if (!values.stream().allMatch(IndexScan::indexable)) {
            return null;
        }
        for (Index<P> index : indexes) {
            List<IndexKey> keys = index.getKeys();
            if (index.isUnique() && keys.size() == 1 && keys.get(0).getKey().equals("_id") && index.canHandle(query)) {
                return index.getPositions(query);
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
