package io.lms.embedded.index;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import java.util.Comparator;

/**
 * One key of a secondary index: the indexed values of one document (one entry per array element for a multikey
 * index) and the document's {@code _id}, which makes the entry unique and lets a document's entries be found
 * from the document alone. Ordered as MongoDB orders values: by BSON type, then by value.
 */
record IndexEntry(Object[] values, Object id) {

    private static final Comparator<Object> VALUES = ValueComparator.asc();

    static final Comparator<IndexEntry> ORDER = (a, b) -> {
        for (int i = 0; i < a.values.length; i++) {
            int cmp = VALUES.compare(a.values[i], b.values[i]);
            if (cmp != 0) {
                return cmp;
            }
        }
        return VALUES.compare(a.id, b.id);
    };

    /** The lowest entry whose values start with {@code values} (the rest below every value). */
    static IndexEntry lowest(Object[] values) {
        return new IndexEntry(values, MinKey.getInstance());
    }

    /** The highest entry whose values start with {@code values} (the rest above every value). */
    static IndexEntry highest(Object[] values) {
        return new IndexEntry(values, MaxKey.getInstance());
    }
}
