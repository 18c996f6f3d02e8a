package io.lms.embedded.index;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a query asks of an index's keys, as MongoDB's planner reads it: equality or {@code $in} on a prefix of
 * the keys (and {@code $all}, by its first value), then at most a range ({@code $gt}, {@code $gte}, {@code $lt},
 * {@code $lte}) on the next key, read from the query's fields and from a top-level {@code $and}. The
 * scan finds a superset of the matching documents (bounds are inclusive, and a multikey index keeps only one
 * bound of a range); the collection matches every candidate against the whole query afterwards.
 *
 * <p>Left to a collection scan: equality with {@code null}, arrays, sub-documents or regular expressions, and
 * every other operator; other fields of the query only narrow the answer and are checked by the matcher.
 */
final class IndexScan {

    /** More {@code $in} combinations than this and the scan uses a shorter prefix. */
    private static final int MAX_COMBINATIONS = 1_000;

    private final int keyCount;
    private final List<List<Object>> prefix;
    private final Object lower;
    private final Object upper;
    private final boolean range;

    private IndexScan(int keyCount, List<List<Object>> prefix, Object lower, Object upper, boolean range) {
        this.keyCount = keyCount;
        this.prefix = prefix;
        this.lower = lower;
        this.upper = upper;
        this.range = range;
    }

    /** The scan of an index on {@code keys} for {@code query}, or null when the index cannot narrow it. */
    static IndexScan plan(List<String> keys, Document query, boolean multikey) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        collectConditions(query, conditions);
        return plan(keys, conditions, multikey);
    }

    /**
     * The field conditions every match must meet: the query's own and those inside a top-level {@code $and}
     * (as the driver's {@code Filters.and} writes them). Where a field has several, any one is a valid
     * restriction; the first is kept, except that operators of several clauses are read as one clause
     * ({@code $and: [{k: {$gte: a}}, {k: {$lt: b}}]} is the range {@code a <= k < b}).
     */
    private static void collectConditions(Document query, Map<String, Object> conditions) {
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            if (entry.getKey().equals("$and") && entry.getValue() instanceof Collection<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document document) {
                        collectConditions(document, conditions);
                    }
                }
            } else if (!entry.getKey().startsWith("$")) {
                Object earlier = conditions.putIfAbsent(entry.getKey(), entry.getValue());
                if (isOperators(earlier) && isOperators(entry.getValue())) {
                    Document merged = new Document((Document) earlier);
                    ((Document) entry.getValue()).forEach(merged::putIfAbsent);
                    conditions.put(entry.getKey(), merged);
                }
            }
        }
    }

    private static boolean isOperators(Object condition) {
        return condition instanceof Document operators
                && !operators.isEmpty()
                && !BsonRegularExpression.isRegularExpression(operators)
                && operators.keySet().stream().allMatch(key -> key.startsWith("$"));
    }

    private static IndexScan plan(List<String> keys, Map<String, Object> query, boolean multikey) {
        List<List<Object>> prefix = new ArrayList<>();
        long combinations = 1;
        for (String key : keys) {
            if (!query.containsKey(key)) {
                break;
            }
            Object condition = query.get(key);
            List<Object> values = equalityValues(condition);
            if (values != null && combinations * Math.max(1, values.size()) <= MAX_COMBINATIONS) {
                prefix.add(values);
                combinations *= Math.max(1, values.size());
                continue;
            }
            if (values == null && condition instanceof Document operators) {
                IndexScan ranged = withRange(keys.size(), prefix, operators, multikey);
                if (ranged != null) {
                    return ranged;
                }
            }
            break;
        }
        return prefix.isEmpty() ? null : new IndexScan(keys.size(), prefix, null, null, false);
    }

    /** How selective the scan is: two points per key fixed by equality, one for a range. */
    int score() {
        return prefix.size() * 2 + (range ? 1 : 0);
    }

    /**
     * The values fixed by equality on the first keys when each has one value (no {@code $in} with several), else
     * null. A range on the next key is left out: the entries with this prefix are a superset of the scan's.
     */
    Object[] singlePrefix() {
        if (prefix.stream().anyMatch(values -> values.size() != 1)) {
            return null;
        }
        return prefix.stream().map(values -> values.get(0)).toArray();
    }

    /** The entry ranges to read, lowest and highest entry of each, inclusive. */
    List<IndexEntry[]> ranges() {
        List<IndexEntry[]> ranges = new ArrayList<>();
        collect(new Object[0], ranges);
        return ranges;
    }

    private void collect(Object[] fixed, List<IndexEntry[]> ranges) {
        if (fixed.length < prefix.size()) {
            for (Object value : prefix.get(fixed.length)) {
                Object[] next = Arrays.copyOf(fixed, fixed.length + 1);
                next[fixed.length] = value;
                collect(next, ranges);
            }
            return;
        }
        Object[] low = Arrays.copyOf(fixed, keyCount);
        Object[] high = Arrays.copyOf(fixed, keyCount);
        for (int i = fixed.length; i < keyCount; i++) {
            low[i] = MinKey.getInstance();
            high[i] = MaxKey.getInstance();
        }
        if (range) {
            low[fixed.length] = lower != null ? lower : MinKey.getInstance();
            high[fixed.length] = upper != null ? upper : MaxKey.getInstance();
        }
        ranges.add(new IndexEntry[] {IndexEntry.lowest(low), IndexEntry.highest(high)});
    }

    private static IndexScan withRange(int keyCount, List<List<Object>> prefix, Document operators, boolean multikey) {
        Object lower = bound(operators, "$gt", "$gte");
        Object upper = bound(operators, "$lt", "$lte");
        if (lower == null && upper == null) {
            return null;
        }
        if (multikey && lower != null) {
            // different array elements may meet the two bounds: MongoDB does not intersect them either
            upper = null;
        }
        return new IndexScan(keyCount, prefix, lower, upper, true);
    }

    private static Object bound(Document operators, String exclusive, String inclusive) {
        for (String operator : List.of(exclusive, inclusive)) {
            Object value = operators.get(operator);
            if (operators.containsKey(operator) && indexable(value)) {
                return value;
            }
        }
        return null;
    }

    /** The values an equality or {@code $in} condition allows, or null when it is neither or not indexable. */
    private static List<Object> equalityValues(Object condition) {
        if (!(condition instanceof Document operators)) {
            return indexable(condition) ? List.of(condition) : null;
        }
        if (BsonRegularExpression.isRegularExpression(operators)
                || operators.keySet().stream().anyMatch(key -> !key.startsWith("$"))) {
            return null;
        }
        if (operators.containsKey("$eq") && indexable(operators.get("$eq"))) {
            return List.of(operators.get("$eq"));
        }
        if (operators.get("$in") instanceof Collection<?> values
                && values.stream().allMatch(IndexScan::indexable)) {
            return new ArrayList<>(values);
        }
        if (operators.get("$all") instanceof List<?> values
                && !values.isEmpty()
                && values.stream().allMatch(IndexScan::indexable)) {
            return List.of(values.get(0)); // a match holds every value, so the first one among them
        }
        return null;
    }

    /** A plain value whose matches are exactly the index entries equal to it. */
    static boolean indexable(Object value) {
        return value != null
                && !(value instanceof Missing)
                && !(value instanceof Map)
                && !(value instanceof Collection)
                && !(value instanceof Pattern)
                && !(value instanceof MinKey)
                && !(value instanceof MaxKey)
                && !BsonRegularExpression.isRegularExpression(value);
    }
}
