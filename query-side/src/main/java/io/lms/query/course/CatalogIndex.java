package io.lms.query.course;

import io.lms.api.course.CourseView;
import io.lms.platform.web.PageResponse;
import io.lms.query.support.VersionedDocuments;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * An immutable in-memory copy of the published courses, kept in every catalog order: what {@link CatalogMirror}
 * serves the public catalog from. A query scans one presorted array with plain Java predicates that mean exactly
 * what the MongoDB filter of {@link CourseReadModel#catalog} means; CatalogIndexTest runs both on the same
 * documents and compares the pages.
 */
final class CatalogIndex {

    /** One published course: the view the catalog answers with, plus the fields its filters and orders read. */
    record Entry(
            ObjectId id,
            long version,
            CourseView view,
            byte[] json,
            String category,
            String level,
            Set<String> tags,
            ObjectId instructorId,
            Set<String> keywords,
            double ratingAverage,
            long enrollmentCount,
            BigDecimal price,
            long createdAt,
            String title) {

        /** {@code render} turns the view into the JSON the API answers with, once, when the course changes. */
        static Entry of(Document d, Function<CourseView, byte[]> render) {
            CourseView view = CourseDocuments.courseView(d);
            return new Entry(
                    d.getObjectId("_id"),
                    VersionedDocuments.versionOf(d),
                    view,
                    render.apply(view),
                    d.getString("category"),
                    d.getString("level"),
                    Set.copyOf(view.tags()),
                    d.get("instructor_id") instanceof ObjectId oid ? oid : null,
                    Set.copyOf(d.getList("keywords", String.class, List.of())),
                    // MongoDB orders -0.0 and 0.0 as equal; Double.compare does not
                    view.rating().average() + 0.0,
                    view.enrollmentCount(),
                    view.price() == null ? null : view.price().amount(),
                    d.getDate("created_at") == null
                            ? Long.MIN_VALUE
                            : d.getDate("created_at").getTime(),
                    d.getString("title"));
        }
    }

    /** A catalog query as plain values, worked out once per request. */
    record Criteria(
            String category,
            String level,
            ObjectId instructorId,
            Double minRating,
            List<String> tags,
            List<String> words,
            CatalogSort sort) {

        static Criteria of(CatalogQuery q) {
            return new Criteria(
                    q.category(),
                    CourseDocuments.lower(q.level()),
                    q.instructorId() == null ? null : new ObjectId(q.instructorId()),
                    q.minRating(),
                    q.tags() == null ? List.of() : q.tags(),
                    q.text() == null ? List.of() : Keywords.of(q.text()),
                    q.sort());
        }
    }

    private static final int[] NO_COURSES = new int[0];
    private static final byte[] ITEMS_OPEN = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);
    private static final CatalogIndex EMPTY = new CatalogIndex(Map.of());

    private final Map<ObjectId, Entry> byId;

    // the same courses by ordinal (their position in entries): a query reads posting lists and small arrays, not
    // the scattered entries, and touches an entry only to render it
    private final Entry[] entries;
    private final double[] rating;
    /** Ascending ordinals of the courses with each category, level, instructor, search word and tag. */
    private final Map<String, int[]> byCategory;

    private final Map<String, int[]> byLevel;
    private final Map<ObjectId, int[]> byInstructor;
    private final Map<String, int[]> byWord;
    private final Map<String, int[]> byTag;
    /** Ordinals in each catalog order. */
    private final Map<CatalogSort, int[]> orders = new EnumMap<>(CatalogSort.class);

    private CatalogIndex(Map<ObjectId, Entry> byId) {
        this.byId = byId;
        this.entries = byId.values().toArray(Entry[]::new);
        int n = entries.length;
        rating = new double[n];
        Map<String, IntList> categories = new HashMap<>();
        Map<String, IntList> levels = new HashMap<>();
        Map<ObjectId, IntList> instructors = new HashMap<>();
        Map<String, IntList> words = new HashMap<>();
        Map<String, IntList> tags = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Entry e = entries[i];
            rating[i] = e.ratingAverage();
            post(categories, e.category(), i);
            post(levels, e.level(), i);
            post(instructors, e.instructorId(), i);
            for (String word : e.keywords()) {
                post(words, word, i);
            }
            for (String tag : e.tags()) {
                post(tags, tag, i);
            }
        }
        byCategory = toArrays(categories);
        byLevel = toArrays(levels);
        byInstructor = toArrays(instructors);
        byWord = toArrays(words);
        byTag = toArrays(tags);
        for (CatalogSort sort : CatalogSort.values()) {
            Integer[] sorted = new Integer[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = i;
            }
            Comparator<Entry> comparator = sort.comparator();
            Arrays.sort(sorted, (a, b) -> comparator.compare(entries[a], entries[b]));
            orders.put(sort, Arrays.stream(sorted).mapToInt(Integer::intValue).toArray());
        }
    }

    static CatalogIndex empty() {
        return EMPTY;
    }

    static CatalogIndex of(Collection<Entry> entries) {
        Map<ObjectId, Entry> byId = new HashMap<>();
        entries.forEach(e -> byId.put(e.id(), e));
        return new CatalogIndex(byId);
    }

    /** A new index with each changed course put in (a present entry) or taken out (an empty one). */
    CatalogIndex with(Map<ObjectId, Optional<Entry>> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        Map<ObjectId, Entry> next = new HashMap<>(byId);
        changes.forEach((id, entry) -> entry.ifPresentOrElse(e -> next.put(id, e), () -> next.remove(id)));
        return new CatalogIndex(next);
    }

    int size() {
        return byId.size();
    }

    Optional<Entry> get(ObjectId id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** A page already in JSON: {@code {"items": [...], "page", "size", "total"}}, the shape of {@link PageResponse}. */
    record RenderedPage(byte[] json, int page, int size, long total) {}

    /**
     * The page as the API renders it, put together from each course's JSON rendered beforehand: serializing
     * twenty courses per request was the largest cost of a catalog request after the framework's own.
     */
    RenderedPage render(Criteria criteria, int page, int size) {
        Matches matches = find(criteria, page, size);
        int length = 0;
        for (int i = 0; i < matches.count; i++) {
            length += entries[matches.page[i]].json().length;
        }
        byte[] tail = ("],\"page\":" + page + ",\"size\":" + size + ",\"total\":" + matches.total + "}")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] json = new byte[ITEMS_OPEN.length + length + Math.max(0, matches.count - 1) + tail.length];
        int at = put(json, 0, ITEMS_OPEN);
        for (int i = 0; i < matches.count; i++) {
            if (i > 0) {
                json[at++] = ',';
            }
            at = put(json, at, entries[matches.page[i]].json());
        }
        put(json, at, tail);
        return new RenderedPage(json, page, size, matches.total);
    }

    PageResponse<CourseView> page(Criteria criteria, int page, int size) {
        Matches matches = find(criteria, page, size);
        List<CourseView> items = new ArrayList<>(matches.count);
        for (int i = 0; i < matches.count; i++) {
            items.add(entries[matches.page[i]].view());
        }
        return new PageResponse<>(items, page, size, matches.total);
    }

    /** The ordinals of one page of matches, and how many match in all. */
    private record Matches(int[] page, int count, long total) {}

    /**
     * Intersects the posting lists of every value asked for (category, level, instructor, words, tags) into one set
     * of candidates, whose size is the total unless a minimum rating is asked for too; then walks the order's
     * ordinals only until the page is full.
     */
    private Matches find(Criteria c, int page, int size) {
        long skip = (long) page * size;
        int[] found = new int[Math.min(size, entries.length)];
        BitSet candidates = candidates(c);
        if (candidates != null && candidates.isEmpty()) {
            return new Matches(found, 0, 0);
        }
        Double minRating = c.minRating();
        long total;
        if (minRating == null) {
            total = candidates == null ? entries.length : candidates.cardinality();
        } else {
            total = 0;
            for (int ord = 0; ord < entries.length; ord++) {
                if ((candidates == null || candidates.get(ord)) && rating[ord] >= minRating) {
                    total++;
                }
            }
        }
        int count = 0;
        if (skip < total && found.length > 0) {
            int[] order = orders.get(c.sort());
            if (candidates == null && minRating == null) {
                count = (int) Math.min(found.length, total - skip);
                System.arraycopy(order, (int) skip, found, 0, count);
            } else {
                long seen = 0;
                for (int ord : order) {
                    if ((candidates != null && !candidates.get(ord))
                            || (minRating != null && !(rating[ord] >= minRating))) {
                        continue;
                    }
                    if (seen++ >= skip) {
                        found[count++] = ord;
                        if (count == found.length) {
                            break;
                        }
                    }
                }
            }
        }
        return new Matches(found, count, total);
    }

    /** The courses that have every value asked for, or {@code null} when nothing narrows the catalog. */
    private BitSet candidates(Criteria c) {
        List<int[]> lists = new ArrayList<>();
        if (c.category() != null) {
            lists.add(byCategory.getOrDefault(c.category(), NO_COURSES));
        }
        if (c.level() != null) {
            lists.add(byLevel.getOrDefault(c.level(), NO_COURSES));
        }
        if (c.instructorId() != null) {
            lists.add(byInstructor.getOrDefault(c.instructorId(), NO_COURSES));
        }
        for (String word : c.words()) {
            lists.add(byWord.getOrDefault(word, NO_COURSES));
        }
        for (String tag : c.tags()) {
            lists.add(byTag.getOrDefault(tag, NO_COURSES));
        }
        if (lists.isEmpty()) {
            return null;
        }
        lists.sort(Comparator.comparingInt(list -> list.length));
        BitSet result = bits(lists.get(0));
        for (int i = 1; i < lists.size() && !result.isEmpty(); i++) {
            result.and(bits(lists.get(i)));
        }
        return result;
    }

    private BitSet bits(int[] ordinals) {
        BitSet bits = new BitSet(entries.length);
        for (int ord : ordinals) {
            bits.set(ord);
        }
        return bits;
    }

    private static <K> void post(Map<K, IntList> lists, K value, int ordinal) {
        if (value != null) {
            lists.computeIfAbsent(value, v -> new IntList()).add(ordinal);
        }
    }

    private static <K> Map<K, int[]> toArrays(Map<K, IntList> lists) {
        Map<K, int[]> arrays = new HashMap<>(lists.size() * 2);
        lists.forEach((key, list) -> arrays.put(key, list.toArray()));
        return arrays;
    }

    private static int put(byte[] into, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, into, at, bytes.length);
        return at + bytes.length;
    }

    /** A growable list of ints, for building posting lists without boxing. */
    private static final class IntList {
        private int[] values = new int[4];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
