package io.lms.query.course;

import io.lms.api.course.CourseView;
import io.lms.platform.web.PageResponse;
import io.lms.query.support.VersionedDocuments;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
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

        boolean matches(Criteria c) {
            return (c.category == null || c.category.equals(category))
                    && (c.level == null || c.level.equals(level))
                    && (c.instructorId == null || c.instructorId.equals(instructorId))
                    && (c.minRating == null || ratingAverage >= c.minRating)
                    && containsAll(tags, c.tags)
                    && containsAll(keywords, c.words);
        }

        /** {@code Set.containsAll} without an iterator: this runs for every course of every catalog request. */
        private static boolean containsAll(Set<String> set, List<String> wanted) {
            for (int i = 0; i < wanted.size(); i++) {
                if (!set.contains(wanted.get(i))) {
                    return false;
                }
            }
            return true;
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

    private static final CatalogIndex EMPTY = new CatalogIndex(Map.of());

    private final Map<ObjectId, Entry> byId;
    private final Map<CatalogSort, Entry[]> orders = new EnumMap<>(CatalogSort.class);

    private CatalogIndex(Map<ObjectId, Entry> byId) {
        this.byId = byId;
        for (CatalogSort sort : CatalogSort.values()) {
            Entry[] sorted = byId.values().toArray(Entry[]::new);
            java.util.Arrays.sort(sorted, sort.comparator());
            orders.put(sort, sorted);
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
        long skip = (long) page * size;
        List<byte[]> items = new ArrayList<>(Math.min(size, 32));
        long total = 0;
        int length = 0;
        for (Entry entry : orders.get(criteria.sort())) {
            if (entry.matches(criteria)) {
                if (total >= skip && items.size() < size) {
                    items.add(entry.json());
                    length += entry.json().length;
                }
                total++;
            }
        }
        byte[] tail = ("],\"page\":" + page + ",\"size\":" + size + ",\"total\":" + total + "}")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] json = new byte[ITEMS_OPEN.length + length + Math.max(0, items.size() - 1) + tail.length];
        int at = put(json, 0, ITEMS_OPEN);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                json[at++] = ',';
            }
            at = put(json, at, items.get(i));
        }
        put(json, at, tail);
        return new RenderedPage(json, page, size, total);
    }

    private static int put(byte[] into, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, into, at, bytes.length);
        return at + bytes.length;
    }

    PageResponse<CourseView> page(Criteria criteria, int page, int size) {
        long skip = (long) page * size;
        List<CourseView> items = new ArrayList<>(size);
        long total = 0;
        for (Entry entry : orders.get(criteria.sort())) {
            if (entry.matches(criteria)) {
                if (total >= skip && items.size() < size) {
                    items.add(entry.view());
                }
                total++;
            }
        }
        return new PageResponse<>(items, page, size, total);
    }
}
