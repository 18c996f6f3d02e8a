package io.lms.embedded.index;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;
import java.util.Comparator;
import java.util.List;

/**
 * A unique index (other than {@code _id}'s) that also serves ranges. The library's unique index keeps the
 * constraint and answers equality on all its keys, as before; every other query it cannot serve (a range, as on a
 * prefix of the event store's {@code aggregateKey}) goes to a {@link SecondaryIndex} over the same keys, which
 * takes part in the collection's choice of the best index like any other. MongoDB serves both from one index.
 *
 * @param <P> the backend's document position
 */
final class UniqueRangeIndex<P> extends Index<P> {

    private final Index<P> unique;
    private final SecondaryIndex<P> ranges;

    UniqueRangeIndex(Index<P> unique, boolean sparse, Comparator<? super P> naturalOrder, IndexGroup group) {
        super(unique.getName(), unique.getKeys(), sparse);
        this.unique = unique;
        this.ranges = new SecondaryIndex<>(unique.getName(), unique.getKeys(), sparse, naturalOrder, group);
    }

    /** Whether a unique index on {@code keys} should serve ranges: every one but {@code _id}'s. */
    static boolean servesRanges(List<IndexKey> keys) {
        return !(keys.size() == 1 && keys.get(0).getKey().equals("_id"));
    }

    /** Its ranges take part in the collection's choice of index, once the collection holds it. */
    void joinGroup() {
        ranges.joinGroup();
    }

    @Override
    public P getPosition(Document document) {
        return unique.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        if (!rebuildingRanges()) {
            unique.checkAdd(document, collection);
        }
        ranges.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        if (!position.equals(unique.getPosition(document))) {
            unique.add(document, position, collection);
        }
        ranges.add(document, position, collection);
    }

    /**
     * Both hold the same documents, except right after a stored unique index (H2) is opened: the collection then
     * adds every document to this index, as {@link #isEmpty()} says, and only the range entries are missing.
     */
    private boolean rebuildingRanges() {
        return ranges.isEmpty() && !unique.isEmpty();
    }

    @Override
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    @Override
    public P remove(Document document) {
        ranges.remove(document);
        return unique.remove(document);
    }

    @Override
    public boolean canHandle(Document query) {
        return unique.canHandle(query) || ranges.canHandle(query);
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        return unique.canHandle(query) ? unique.getPositions(query) : ranges.getPositions(query);
    }

    @Override
    public long getCount() {
        return unique.getCount();
    }

    @Override
    public long getDataSize() {
        return unique.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        unique.checkUpdate(oldDocument, newDocument, collection);
        ranges.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection)
            throws KeyConstraintError {
        unique.updateInPlace(oldDocument, newDocument, position, collection);
        ranges.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public void drop() {
        unique.drop();
        ranges.drop();
    }

    @Override
    public boolean isUnique() {
        return true;
    }
}
