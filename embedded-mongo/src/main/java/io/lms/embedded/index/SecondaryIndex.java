package io.lms.embedded.index;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A non-unique index (single-field or compound, multikey over arrays) for mongo-java-server's memory and H2
 * backends, plugged in where the library asks for one ({@code openOrCreateSecondaryIndex}). Its entries are kept
 * in memory in MongoDB's value order and rebuilt from the documents when the database is opened. It serves what
 * {@link IndexScan} reads from a query, when no other index of the collection serves the query better.
 *
 * @param <P> the backend's document position
 */
public final class SecondaryIndex<P> extends Index<P> {

    private static final String ID = "_id";

    private final ConcurrentSkipListMap<IndexEntry, P> entries = new ConcurrentSkipListMap<>(IndexEntry.ORDER);
    private final Comparator<? super P> naturalOrder;
    private final IndexGroup group;
    private volatile boolean multikey;

    /**
     * @param naturalOrder the order of the backend's positions in a collection scan, so that an indexed query
     *     without a sort answers in the order an unindexed one does
     * @param group the collection's secondary indexes, which choose among themselves which one serves a query; this
     *     one joins them when the collection holds it ({@link IndexGroup#join})
     */
    public SecondaryIndex(
            String name, List<IndexKey> keys, boolean sparse, Comparator<? super P> naturalOrder, IndexGroup group) {
        super(name, keys, sparse);
        this.naturalOrder = naturalOrder;
        this.group = group;
    }

    /** Takes part in the collection's choice of index, once the collection holds this index ({@link IndexGroup#join}). */
    void joinGroup() {
        group.add(this);
    }

    /**
     * None: the library asks every index of the collection where a stored document is before it updates or deletes
     * it, and keeps the one answer; the collection's unique {@code _id} index (every collection of the server has
     * one) gives it from a hash lookup, where this index would work out the document's keys (each key path split
     * with a regular expression) and search its entries in value order, for each update.
     */
    @Override
    public P getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        keysOf(document); // refuses parallel arrays, as MongoDB does
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        Set<KeyValue> keys = keysOf(document);
        if (keys.size() > 1 || containsArray(document)) {
            multikey = true;
        }
        for (KeyValue key : keys) {
            entries.put(entry(key, document), position);
        }
    }

    @Override
    public P remove(Document document) {
        P removed = null;
        for (KeyValue key : keysOf(document)) {
            P position = entries.remove(entry(key, document));
            if (position != null) {
                removed = position;
            }
        }
        return removed;
    }

    @Override
    public boolean canHandle(Document query) {
        IndexScan scan = scanFor(query);
        return scan != null && group.isBestFor(this, query);
    }

    /**
     * Whether no other index of the collection reads fewer entries for {@code query} than this one (compared up to
     * {@link IndexGroup#ENTRIES_COMPARED_FOR_ORDER}), so that its order may serve a sorted read
     * ({@link IndexedReads#inSortOrder}).
     */
    boolean readsFewestEntriesFor(Document query) {
        return group.fewestEntries(query, IndexGroup.ENTRIES_COMPARED_FOR_ORDER).contains(this);
    }

    /**
     * The entries {@code scan} reads, range after range, each read only when asked for (a stream's flatMap would
     * read a whole range into a buffer at the first).
     */
    Iterator<IndexEntry> entries(IndexScan scan) {
        Iterator<IndexEntry[]> ranges = scan.ranges().iterator();
        return new Iterator<>() {
            private Iterator<IndexEntry> range = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!range.hasNext() && ranges.hasNext()) {
                    IndexEntry[] next = ranges.next();
                    range = entries.subMap(next[0], true, next[1], true)
                            .keySet()
                            .iterator();
                }
                return range.hasNext();
            }

            @Override
            public IndexEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return range.next();
            }
        };
    }

    /** The scan this index would do for {@code query}, or null when it cannot narrow it. */
    IndexScan scanFor(Document query) {
        return IndexScan.plan(keys(), query, multikey);
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        IndexScan scan = scanFor(query);
        if (scan == null) {
            throw new IllegalStateException(this + " cannot serve " + query);
        }
        Set<P> positions = new LinkedHashSet<>();
        for (IndexEntry[] range : scan.ranges()) {
            positions.addAll(entries.subMap(range[0], true, range[1], true).values());
        }
        List<P> ordered = new ArrayList<>(positions);
        ordered.sort(naturalOrder);
        return ordered;
    }

    /**
     * The positions of the candidates for {@code query} in the order of {@code orderBy}, read lazily from the index,
     * or null when the index cannot give that order: the query must fix the index's first keys by equality (one
     * value each), {@code orderBy} must name the next keys in index order, all ascending or all descending, and end
     * with {@code _id} (so that no two documents tie, and the order is the one a sort gives), and no document may
     * have an array in an indexed field (a multikey index holds a document once per element). When the index
     * answers the query alone ({@link #exactPrefix}), the skipped entries are passed over here.
     */
    IndexedReads.Ordered<P> positionsSortedBy(Document query, Document orderBy, int skip) {
        IndexScan scan = multikey ? null : scanFor(query);
        Object[] prefix = scan == null ? null : scan.singlePrefix();
        if (prefix == null || orderBy == null || orderBy.isEmpty()) {
            return null;
        }
        List<String> keys = keys();
        int key = prefix.length;
        int direction = 0;
        String last = null;
        for (Map.Entry<String, Object> sortKey : orderBy.entrySet()) {
            if (key >= keys.size()
                    || !keys.get(key).equals(sortKey.getKey())
                    || !(sortKey.getValue() instanceof Number number)) {
                return null;
            }
            int sign = (int) Math.signum(number.doubleValue());
            if (sign == 0 || (direction != 0 && sign != direction)) {
                return null;
            }
            direction = sign;
            last = sortKey.getKey();
            key++;
        }
        if (!ID.equals(last)) {
            return null;
        }
        NavigableMap<IndexEntry, P> run = run(prefix);
        Collection<P> ordered = direction < 0 ? run.descendingMap().values() : run.values();
        if (skip <= 0 || exactPrefix(query) == null) {
            return new IndexedReads.Ordered<>(ordered, skip);
        }
        // every entry of the run matches: the skipped ones need not be read as documents
        return new IndexedReads.Ordered<>(
                () -> {
                    Iterator<P> positions = ordered.iterator();
                    for (int i = 0; i < skip && positions.hasNext(); i++) {
                        positions.next();
                    }
                    return positions;
                },
                0);
    }

    /**
     * How many documents match {@code query}, counted from the index alone, or -1 when the index cannot answer
     * exactly (see {@link #exactPrefix}).
     */
    long exactCount(Document query) {
        Object[] prefix = exactPrefix(query);
        return prefix == null ? -1 : run(prefix).size();
    }

    /**
     * The values the query fixes on the index's first keys when the index alone answers which documents match,
     * else null: every field of the query must be an equality with a plain value ({@code {f: v}} or {@code {f:
     * {$eq: v}}}) on the index's first keys, and no document may have an array in an indexed field.
     */
    private Object[] exactPrefix(Document query) {
        List<String> keys = keys();
        if (multikey || query.isEmpty() || query.size() > keys.size()) {
            return null;
        }
        Object[] prefix = new Object[query.size()];
        for (int i = 0; i < prefix.length; i++) {
            if (!query.containsKey(keys.get(i))) {
                return null;
            }
            Object value = query.get(keys.get(i));
            if (value instanceof Document operators && operators.size() == 1 && operators.containsKey("$eq")) {
                value = operators.get("$eq");
            }
            if (!IndexScan.indexable(value)) {
                return null;
            }
            prefix[i] = value;
        }
        return prefix;
    }

    /** The entries whose first values are {@code prefix}. */
    private NavigableMap<IndexEntry, P> run(Object[] prefix) {
        Object[] low = Arrays.copyOf(prefix, keys().size());
        Object[] high = Arrays.copyOf(prefix, keys().size());
        for (int i = prefix.length; i < low.length; i++) {
            low[i] = MinKey.getInstance();
            high[i] = MaxKey.getInstance();
        }
        return entries.subMap(IndexEntry.lowest(low), true, IndexEntry.highest(high), true);
    }

    @Override
    public long getCount() {
        return entries.size();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        keysOf(newDocument);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
        if (!nullAwareEqualsKeys(oldDocument, newDocument)) {
            remove(oldDocument);
            add(newDocument, position, collection);
        }
    }

    @Override
    public void drop() {
        entries.clear();
        group.remove(this);
    }

    /**
     * The document's keys: none for a sparse index and a document without any of the fields, one key of nulls
     * for a document whose array is empty (so that every document of a non-sparse index can be found again).
     */
    private Set<KeyValue> keysOf(Document document) {
        if (isSparse()
                && keys().stream().allMatch(key -> Utils.getSubdocumentValue(document, key) instanceof Missing)) {
            return Set.of();
        }
        Set<KeyValue> keys = getKeyValues(document);
        if (keys.isEmpty()) {
            return Set.of(new KeyValue(new ArrayList<>(java.util.Collections.nCopies(keys().size(), null))));
        }
        return keys;
    }

    private boolean containsArray(Document document) {
        return keys().stream()
                .anyMatch(key -> Utils.getSubdocumentValueCollectionAware(document, key) instanceof Collection);
    }

    private static IndexEntry entry(KeyValue key, Document document) {
        return new IndexEntry(key.stream().toArray(), document.get(ID));
    }
}
