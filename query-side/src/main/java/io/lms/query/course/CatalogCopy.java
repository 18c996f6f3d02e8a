package io.lms.query.course;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lms.api.course.CourseView;
import io.lms.query.course.CatalogIndex.Criteria;
import io.lms.query.course.CatalogIndex.Entry;
import io.lms.query.course.CatalogIndex.RenderedPage;
import io.lms.query.support.VersionedDocuments;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A query node's copy of the published courses, answering catalog pages from memory, and the version it holds of
 * every course, published or not: a course document replaces the one held only when it is newer, or of the same
 * version when the caller says so.
 *
 * <p>Documents are taken into {@link Changes} and applied together, one new {@link CatalogIndex} per batch. One
 * thread changes the copy; request threads read the index it last applied.
 */
final class CatalogCopy {

    private final ObjectMapper json;

    /** {@code null} until the first batch is applied. */
    private volatile CatalogIndex index;

    // the changing thread's own
    private final Map<ObjectId, Long> versions = new HashMap<>();

    CatalogCopy(ObjectMapper json) {
        this.json = json;
    }

    /** Whether a first batch (the full load) has been applied. */
    boolean loaded() {
        return index != null;
    }

    /** The page from memory, in JSON, or empty before the first load. */
    Optional<RenderedPage> render(CatalogQuery query, int page, int size) {
        CatalogIndex current = index;
        return current == null ? Optional.empty() : Optional.of(current.render(Criteria.of(query), page, size));
    }

    /** The published course as held. */
    Optional<Entry> entry(ObjectId id) {
        CatalogIndex current = index;
        return current == null ? Optional.empty() : current.get(id);
    }

    /** How many published courses are held. */
    int size() {
        CatalogIndex current = index;
        return current == null ? 0 : current.size();
    }

    /** The version of the course's document held, or -1 for a course not seen. */
    long heldVersion(ObjectId course) {
        return versions.getOrDefault(course, -1L);
    }

    Changes changes() {
        return new Changes();
    }

    /** Makes the batch's courses the ones request threads see, and its versions the ones held. */
    void apply(Changes changes) {
        versions.putAll(changes.versions);
        CatalogIndex current = index;
        if (current == null) {
            index = CatalogIndex.empty().with(changes.entries);
        } else if (!changes.entries.isEmpty()) {
            index = current.with(changes.entries);
        }
    }

    /**
     * Course documents taken for one new index. Nothing of them is held before {@link #apply}: a batch dropped
     * half-way (a read failed) leaves the copy as it was, and its documents are taken again by the next one.
     */
    final class Changes {

        private final Map<ObjectId, Long> versions = new HashMap<>();
        private final Map<ObjectId, Optional<Entry>> entries = new HashMap<>();

        /**
         * A newer document replaces the one held, and with {@code sameVersionToo} one of the same version too (a
         * full load: a rebuilt projection may render it differently; a change of the figures, which keeps the
         * version); an older one (a projection being rebuilt) does not.
         */
        void take(Document course, boolean sameVersionToo) {
            if (!(course.get("_id") instanceof ObjectId id)) {
                return;
            }
            long version = VersionedDocuments.versionOf(course);
            long held = versions.getOrDefault(id, heldVersion(id));
            if (version < held || (version == held && !sameVersionToo)) {
                return;
            }
            versions.put(id, version);
            entries.put(
                    id,
                    "published".equals(course.getString("status"))
                            ? Optional.of(Entry.of(course, CatalogCopy.this::toJson))
                            : Optional.empty());
        }
    }

    /** The course as the REST API renders it (the application's {@code ObjectMapper}). */
    private byte[] toJson(CourseView view) {
        try {
            return json.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render course " + view.id(), e);
        }
    }
}
