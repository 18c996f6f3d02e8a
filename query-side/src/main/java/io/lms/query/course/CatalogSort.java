package io.lms.query.course;

import com.mongodb.client.model.Sorts;
import io.lms.platform.error.DomainException;
import io.lms.query.course.CatalogIndex.Entry;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.bson.conversions.Bson;

/**
 * The orders the catalog lists in; {@code _id} breaks ties so that pages neither repeat nor skip a course. Each
 * order exists twice, as a MongoDB sort and as a comparator over {@link CatalogIndex} entries, and the two must
 * agree (CatalogIndexTest compares them on the same documents).
 */
enum CatalogSort {
    NEWEST(
            "-created_at",
            Sorts.orderBy(Sorts.descending("created_at"), Sorts.descending("_id")),
            Comparator.comparingLong(Entry::createdAt).reversed().thenComparing(Entry::id, Comparator.reverseOrder())),
    TITLE(
            "title",
            Sorts.orderBy(Sorts.ascending("title"), Sorts.ascending("_id")),
            Comparator.comparing(Entry::title, CatalogSort::byCodePoints).thenComparing(Entry::id)),
    BEST_RATED(
            "-rating.average",
            Sorts.orderBy(Sorts.descending("rating.average"), Sorts.ascending("_id")),
            Comparator.comparingDouble(Entry::ratingAverage).reversed().thenComparing(Entry::id)),
    MOST_ENROLLED(
            "-enrollment_count",
            Sorts.orderBy(Sorts.descending("enrollment_count"), Sorts.ascending("_id")),
            Comparator.comparingLong(Entry::enrollmentCount).reversed().thenComparing(Entry::id)),
    CHEAPEST(
            "price.amount",
            Sorts.orderBy(Sorts.ascending("price.amount"), Sorts.ascending("_id")),
            Comparator.comparing(Entry::price, Comparator.nullsFirst(Comparator.<java.math.BigDecimal>naturalOrder()))
                    .thenComparing(Entry::id));

    private final String parameter;
    private final Bson order;
    private final Comparator<Entry> comparator;

    CatalogSort(String parameter, Bson order, Comparator<Entry> comparator) {
        this.parameter = parameter;
        this.order = order;
        this.comparator = comparator;
    }

    Bson order() {
        return order;
    }

    Comparator<Entry> comparator() {
        return comparator;
    }

    static CatalogSort of(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return NEWEST;
        }
        return Arrays.stream(values())
                .filter(s -> s.parameter.equals(parameter.trim()))
                .findFirst()
                .orElseThrow(() -> DomainException.invalid(
                        "sort",
                        "must be one of "
                                + Arrays.stream(values()).map(s -> s.parameter).collect(Collectors.joining(", "))));
    }

    /**
     * MongoDB compares strings without a collation by their UTF-8 bytes, which is code point order; Java's
     * {@code compareTo} compares UTF-16 units, which differs for characters beyond the Basic Multilingual Plane.
     */
    private static int byCodePoints(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
