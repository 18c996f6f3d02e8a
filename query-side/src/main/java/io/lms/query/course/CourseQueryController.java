package io.lms.query.course;

import io.lms.api.course.ContentView;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.CourseView;
import io.lms.platform.error.DomainException;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import io.lms.platform.web.PageResponse;
import io.lms.platform.web.Paging;
import io.lms.query.course.CatalogIndex.RenderedPage;
import io.lms.query.support.ReadYourWrites;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.bson.Document;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public catalog, single courses by id or slug, and content items for those who may see them. */
@RestController
class CourseQueryController {

    private final CourseReadModel courses;
    private final CatalogMirror mirror;
    private final CourseAccess access;
    private final ReadYourWrites readYourWrites;

    CourseQueryController(
            CourseReadModel courses, CatalogMirror mirror, CourseAccess access, ReadYourWrites readYourWrites) {
        this.courses = courses;
        this.mirror = mirror;
        this.access = access;
        this.readYourWrites = readYourWrites;
    }

    /** The published catalog comes from every node's in-memory mirror once it is loaded; the rest from MongoDB. */
    @GetMapping("/api/courses")
    ResponseEntity<?> catalog(
            @RequestParam(required = false) @Size(max = 100) String category,
            @RequestParam(required = false) CourseLevel level,
            @RequestParam(name = "tag", required = false) @Size(max = 20) List<String> tags,
            @RequestParam(name = "instructor_id", required = false) @ObjectIdValue String instructorId,
            @RequestParam(required = false) CourseStatus status,
            @RequestParam(name = "q", required = false) @Size(max = 200) String text,
            @RequestParam(name = "min_rating", required = false) @DecimalMin("0") @DecimalMax("5") Double minRating,
            @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size,
            Caller caller) {
        var query =
                new CatalogQuery(category, level, tags, instructorId, status, text, minRating, CatalogSort.of(sort));
        if (CourseReadModel.onlyPublished(query, caller)) {
            Optional<RenderedPage> rendered = mirror.render(query, page, size);
            if (rendered.isPresent()) {
                RenderedPage r = rendered.get();
                return ResponseEntity.ok()
                        .headers(Paging.links(r.page(), r.size(), r.total()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(r.json());
            }
        }
        return Paging.ok(courses.catalog(query, caller, page, size));
    }

    @GetMapping("/api/courses/{id}")
    ResponseEntity<CourseView> course(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(name = "min_version", required = false) Long minVersion,
            Caller caller) {
        Document course = visibleCourse(() -> courses.findCourse(id), minVersion, caller, id);
        return ReadYourWrites.withEtag(course, CourseDocuments.courseView(course));
    }

    @GetMapping("/api/courses/slug/{slug}")
    ResponseEntity<CourseView> courseBySlug(
            @PathVariable String slug,
            @RequestParam(name = "min_version", required = false) Long minVersion,
            Caller caller) {
        if (!slug.matches("^[a-z0-9-]{1,100}$")) {
            throw DomainException.invalid("slug", "must be 1 to 100 characters of a-z, 0-9 and '-'");
        }
        Document course = visibleCourse(() -> courses.findCourseBySlug(slug), minVersion, caller, slug);
        return ReadYourWrites.withEtag(course, CourseDocuments.courseView(course));
    }

    /** The course's items by {@code order}; {@code min_version} waits for the course's version, as every content event moves it. */
    @GetMapping("/api/courses/{id}/content")
    ResponseEntity<? extends PageResponse<?>> content(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(name = "min_version", required = false) Long minVersion,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size,
            Caller caller) {
        Document course = visibleCourse(() -> courses.findCourse(id), minVersion, caller, id);
        access.requireContentAccess(caller, course);
        PageResponse<ContentView> items = courses.contentOf(id, page, size);
        return access.seesQuizAnswers(caller, course)
                ? Paging.ok(items)
                : Paging.ok(items.map(ContentView::forLearner));
    }

    @GetMapping("/api/content/{id}")
    ResponseEntity<?> contentItem(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(name = "min_version", required = false) Long minVersion,
            Caller caller) {
        caller.requireAuthenticated();
        Document item = readYourWrites.load(() -> courses.findContent(id), minVersion, "content item", id);
        String courseId = io.lms.query.support.Documents.hex(item.get("course_id"));
        Document course = courses.findCourse(courseId)
                .filter(c -> access.canSeeCourse(caller, c))
                .orElseThrow(() -> DomainException.notFound("content item", id));
        access.requireContentAccess(caller, course);
        ContentView view = CourseDocuments.contentView(item);
        return access.seesQuizAnswers(caller, course)
                ? ReadYourWrites.withEtag(item, view)
                : ReadYourWrites.withEtag(item, view.forLearner());
    }

    /** A course the caller may not see answers 404, as if it did not exist. */
    private Document visibleCourse(Supplier<Optional<Document>> loader, Long minVersion, Caller caller, String key) {
        Document course = readYourWrites.load(loader, minVersion, "course", key);
        if (!access.canSeeCourse(caller, course)) {
            throw DomainException.notFound("course", key);
        }
        return course;
    }
}
