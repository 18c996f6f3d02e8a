package io.lms.query.course;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.lms.api.common.Role;
import io.lms.api.course.ContentView;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.CourseView;
import io.lms.platform.mongo.CollectionIndexes;
import io.lms.platform.mongo.IndexVersions;
import io.lms.platform.security.Caller;
import io.lms.platform.web.PageResponse;
import io.lms.query.support.ReadModelCollections;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * Reads of the {@code courses} and {@code content} collections. The indexes the catalog needs are ensured once per
 * definition ({@link IndexVersions}): every filter of the list has one, text search goes through the multikey {@code keywords} index, and
 * each sort has one led by {@code status}, which every anonymous query pins to {@code published}.
 */
@Component
public class CourseReadModel {

    /** Every filter of the catalog has an index, and each sort one led by {@code status}. */
    static final CollectionIndexes COURSE_INDEXES = CollectionIndexes.of(
            "courses",
            Indexes.ascending("slug"),
            Indexes.ascending("keywords"),
            Indexes.ascending("instructor_id", "status"),
            Indexes.ascending("tags"),
            Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("created_at")),
            Indexes.ascending("status", "category"),
            Indexes.ascending("status", "level"),
            Indexes.ascending("status", "title"),
            Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("rating.average")),
            Indexes.compoundIndex(Indexes.ascending("status"), Indexes.descending("enrollment_count")),
            Indexes.ascending("status", "price.amount"));

    static final CollectionIndexes CONTENT_INDEXES =
            CollectionIndexes.of("content", Indexes.ascending("course_id", "order"));

    private final MongoCollection<Document> courses;
    private final MongoCollection<Document> content;

    public CourseReadModel(ReadModelCollections collections) {
        this.courses = collections.get("courses");
        this.content = collections.get("content");
        collections.ensure(COURSE_INDEXES);
        collections.ensure(CONTENT_INDEXES);
    }

    MongoCollection<Document> courses() {
        return courses;
    }

    MongoCollection<Document> content() {
        return content;
    }

    public Optional<Document> findCourse(String id) {
        return Optional.ofNullable(
                courses.find(Filters.eq("_id", new ObjectId(id))).first());
    }

    public Optional<Document> findCourseBySlug(String slug) {
        return Optional.ofNullable(courses.find(Filters.eq("slug", slug)).first());
    }

    public Optional<Document> findContent(String id) {
        return Optional.ofNullable(
                content.find(Filters.eq("_id", new ObjectId(id))).first());
    }

    PageResponse<ContentView> contentOf(String courseId, int page, int size) {
        Bson filter = Filters.eq("course_id", new ObjectId(courseId));
        long total = content.countDocuments(filter);
        long skip = (long) page * size;
        if (skip >= total) {
            return new PageResponse<>(List.of(), page, size, total);
        }
        List<ContentView> items = content.find(filter)
                .sort(Sorts.ascending("order", "_id"))
                .skip((int) skip)
                .limit(size)
                .map(CourseDocuments::contentView)
                .into(new ArrayList<>());
        return new PageResponse<>(items, page, size, total);
    }

    PageResponse<CourseView> catalog(CatalogQuery query, Caller caller, int page, int size) {
        if (!mayList(query.status(), caller)) {
            return new PageResponse<>(List.of(), page, size, 0);
        }
        List<Bson> filters = filters(query, caller);
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        long total = courses.countDocuments(filter);
        long skip = (long) page * size;
        if (skip >= total) {
            return new PageResponse<>(List.of(), page, size, total);
        }
        List<CourseView> items = courses.find(filter)
                .projection(new Document("keywords", 0))
                .sort(query.sort().order())
                .skip((int) skip)
                .limit(size)
                .map(CourseDocuments::courseView)
                .into(new ArrayList<>());
        return new PageResponse<>(items, page, size, total);
    }

    /** Whether the query lists exactly the published courses, which {@link CatalogMirror} holds. */
    static boolean onlyPublished(CatalogQuery query, Caller caller) {
        CourseStatus status = query.status();
        return status == CourseStatus.PUBLISHED || (status == null && !caller.isAdmin());
    }

    /** Only admins and instructors (their own) list courses that are not published. */
    private static boolean mayList(CourseStatus status, Caller caller) {
        return status == null
                || status == CourseStatus.PUBLISHED
                || caller.isAdmin()
                || caller.hasRole(Role.INSTRUCTOR);
    }

    /**
     * Anonymous callers and students see published courses; an instructor sees published courses and, asking
     * for another status, their own courses of that status; admins see every course.
     */
    private static List<Bson> filters(CatalogQuery query, Caller caller) {
        List<Bson> filters = new ArrayList<>();
        CourseStatus status = query.status();
        if (caller.isAdmin()) {
            if (status != null) {
                filters.add(Filters.eq("status", CourseDocuments.lower(status)));
            }
        } else if (status == null || status == CourseStatus.PUBLISHED) {
            filters.add(Filters.eq("status", "published"));
        } else {
            filters.add(Filters.eq("status", CourseDocuments.lower(status)));
            filters.add(Filters.eq("instructor_id", new ObjectId(caller.userId())));
        }
        if (query.category() != null) {
            filters.add(Filters.eq("category", query.category()));
        }
        if (query.level() != null) {
            filters.add(Filters.eq("level", CourseDocuments.lower(query.level())));
        }
        if (query.tags() != null && !query.tags().isEmpty()) {
            filters.add(Filters.all("tags", query.tags()));
        }
        if (query.instructorId() != null) {
            filters.add(Filters.eq("instructor_id", new ObjectId(query.instructorId())));
        }
        if (query.text() != null) {
            List<String> words = Keywords.of(query.text());
            if (!words.isEmpty()) {
                filters.add(Filters.all("keywords", words));
            }
        }
        if (query.minRating() != null) {
            filters.add(Filters.gte("rating.average", query.minRating()));
        }
        return filters;
    }
}
