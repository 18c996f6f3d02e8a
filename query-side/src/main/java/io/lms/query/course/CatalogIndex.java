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

    private static final byte[] ITEMS_OPEN = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);
    private static final int ANY = -1;
    private static final int NONE = -2;

    private static final CatalogIndex EMPTY = new CatalogIndex(Map.of());

    private final Map<ObjectId, Entry> byId;

    // the same courses as columns, by ordinal (their position in entries): a query reads these small arrays, not
    // the scattered entries, and touches an entry only to render it
    private final Entry[] entries;
    private final Map<String, Integer> categoryCodes = new HashMap<>();
    private final Map<String, Integer> levelCodes = new HashMap<>();
    private final Map<ObjectId, Integer> instructorCodes = new HashMap<>();
    private final int[] category;
    private final int[] level;
    private final int[] instructor;
    private final double[] rating;
    /** Ascending ordinals of the courses that have each search word, and each tag. */
    private final Map<String, int[]> byWord;

    private final Map<String, int[]> byTag;
    /** Ordinals in each catalog order. */
    private final Map<CatalogSort, int[]> orders = new EnumMap<>(CatalogSort.class);

    private CatalogIndex(Map<ObjectId, Entry> byId) {
        this.byId = byId;
        this.entries = byId.values().toArray(Entry[]::new);
        int n = entries.length;
        category = new int[n];
        level = new int[n];
        instructor = new int[n];
        rating = new double[n];
        Map<String, IntList> words = new HashMap<>();
        Map<String, IntList> tags = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Entry e = entries[i];
            category[i] = code(categoryCodes, e.category());
            level[i] = code(levelCodes, e.level());
            instructor[i] = code(instructorCodes, e.instructorId());
            rating[i] = e.ratingAverage();
            for (String word : e.keywords()) {
                words.computeIfAbsent(word, w -> new IntList()).add(i);
            }
            for (String tag : e.tags()) {
                tags.computeIfAbsent(tag, t -> new IntList()).add(i);
            }
        }
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
     * Walks the order's ordinals once: the words and tags narrow the candidates to the intersection of their
     * posting lists first, then category, level, instructor and rating are compared as codes and numbers.
     */
    private Matches find(Criteria c, int page, int size) {
        long skip = (long) page * size;
        int[] found = new int[Math.min(size, Math.max(0, entries.length))];
        int count = 0;
        long total = 0;
        int wantedCategory = wanted(categoryCodes, c.category());
        int wantedLevel = wanted(levelCodes, c.level());
        int wantedInstructor = wanted(instructorCodes, c.instructorId());
        BitSet candidates = candidates(c);
        if (wantedCategory == NONE
                || wantedLevel == NONE
                || wantedInstructor == NONE
                || (candidates != null && candidates.isEmpty())) {
            return new Matches(found, 0, 0);
        }
        Double minRating = c.minRating();
        for (int ord : orders.get(c.sort())) {
            if ((candidates != null && !candidates.get(ord))
                    || (wantedCategory != ANY && category[ord] != wantedCategory)
                    || (wantedLevel != ANY && level[ord] != wantedLevel)
                    || (wantedInstructor != ANY && instructor[ord] != wantedInstructor)
                    || (minRating != null && !(rating[ord] >= minRating))) {
                continue;
            }
            if (total >= skip && count < found.length) {
                found[count++] = ord;
            }
            total++;
        }
        return new Matches(found, count, total);
    }

    /** The courses that have every word and every tag asked for, or {@code null} when none are asked for. */
    private BitSet candidates(Criteria c) {
        List<int[]> lists = new ArrayList<>();
        for (String word : c.words()) {
            lists.add(byWord.getOrDefault(word, new int[0]));
        }
        for (String tag : c.tags()) {
            lists.add(byTag.getOrDefault(tag, new int[0]));
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

    private static <K> int code(Map<K, Integer> codes, K value) {
        return value == null ? NONE : codes.computeIfAbsent(value, v -> codes.size());
    }

    /** {@link #ANY} when not asked for, {@link #NONE} when no course has the value. */
    private static <K> int wanted(Map<K, Integer> codes, K value) {
        return value == null ? ANY : codes.getOrDefault(value, NONE);
    }

    private static Map<String, int[]> toArrays(Map<String, IntList> lists) {
        Map<String, int[]> arrays = new HashMap<>(lists.size() * 2);
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
