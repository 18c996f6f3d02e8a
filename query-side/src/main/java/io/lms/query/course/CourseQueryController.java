package io.lms.query.course;

import static io.lms.query.support.Documents.hex;

import io.lms.api.course.ContentView;
import io.lms.api.course.CourseLevel;
import io.lms.api.course.CourseStatus;
import io.lms.api.course.CourseView;
import io.lms.api.course.LearnerContentView;
import io.lms.platform.error.DomainException;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import io.lms.platform.web.PageResponse;
import io.lms.platform.web.Paging;
import io.lms.query.course.CatalogIndex.RenderedPage;
import io.lms.query.support.ReadYourWrites;
import io.lms.query.support.ReadYourWrites.Target;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
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
    @Access("anyone for published courses; instructors their own with status, admins all")
    @GetMapping("/api/courses")
    @ApiResponse(
            responseCode = "200",
            description = "a page of courses",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CoursePage.class)))
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

    @Access("anyone for a published course; the owner and admins for any")
    @GetMapping("/api/courses/{id}")
    ResponseEntity<CourseView> course(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(name = "min_version", required = false) Long minVersion,
            Caller caller) {
        Document course = readYourWrites.load(() -> courses.findCourse(id), minVersion, courseById(id, caller));
        return ReadYourWrites.withEtag(course, CourseDocuments.courseView(course));
    }

    @Access("anyone for a published course; the owner and admins for any")
    @GetMapping("/api/courses/slug/{slug}")
    ResponseEntity<CourseView> courseBySlug(
            @PathVariable String slug,
            @RequestParam(name = "min_version", required = false) Long minVersion,
            Caller caller) {
        if (!slug.matches("^[a-z0-9-]{1,100}$")) {
            throw DomainException.invalid("slug", "must be 1 to 100 characters of a-z, 0-9 and '-'");
        }
        Target target = Target.partOf("course", slug, d -> hex(d.get("_id")), caller)
                .visibleIf(c -> access.canSeeCourse(caller, c));
        Document course = readYourWrites.load(() -> courses.findCourseBySlug(slug), minVersion, target);
        return ReadYourWrites.withEtag(course, CourseDocuments.courseView(course));
    }

    /** The course's items by {@code order}; {@code min_version} waits for the course's version, as every content event moves it. */
    @Access("enrolled students, the owner, admins; correct answers only for the owner and admins")
    @GetMapping("/api/courses/{id}/content")
    @ApiResponse(
            responseCode = "200",
            description = "a page of the course's content items",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ContentPage.class)))
    ResponseEntity<? extends PageResponse<?>> content(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(name = "min_version", required = false) Long minVersion,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size,
            Caller caller) {
        Target target = courseById(id, caller).checkedBy(c -> access.requireContentAccess(caller, c));
        Document course = readYourWrites.load(() -> courses.findCourse(id), minVersion, target);
        PageResponse<ContentView> items = courses.contentOf(id, page, size);
        return access.seesQuizAnswers(caller, course)
                ? Paging.ok(items)
                : Paging.ok(items.map(ContentView::forLearner));
    }

    @Access("enrolled students, the owner, admins; correct answers only for the owner and admins")
    @GetMapping("/api/content/{id}")
    @ApiResponse(
            responseCode = "200",
            description = "the content item; without correct answers for learners",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(oneOf = {ContentView.class, LearnerContentView.class})))
    ResponseEntity<?> contentItem(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(name = "min_version", required = false) Long minVersion,
            Caller caller) {
        caller.requireAuthenticated();
        Target target = Target.partOf("content item", id, d -> hex(d.get("course_id")), caller)
                .checkedBy(item -> access.requireContentAccess(caller, courseOf(item, caller)));
        Document item = readYourWrites.load(() -> courses.findContent(id), minVersion, target);
        Document course = courseOf(item, caller);
        ContentView view = CourseDocuments.contentView(item);
        return access.seesQuizAnswers(caller, course)
                ? ReadYourWrites.withEtag(item, view)
                : ReadYourWrites.withEtag(item, view.forLearner());
    }

    /** The shape of a catalog page, for the API document (the mirror answers it as ready-made JSON). */
    record CoursePage(List<CourseView> items, int page, int size, long total) {}

    /** The shape of a page of content items, for the API document. */
    record ContentPage(
            @ArraySchema(schema = @Schema(oneOf = {ContentView.class, LearnerContentView.class})) List<Object> items,
            int page,
            int size,
            long total) {}

    /** A course the caller may not see answers 404, as if it did not exist. */
    private Target courseById(String id, Caller caller) {
        return Target.aggregate("course", id, caller).visibleIf(c -> access.canSeeCourse(caller, c));
    }

    /** The course of a content item, if the caller may see it; else the item does not exist for them. */
    private Document courseOf(Document item, Caller caller) {
        return courses.findCourse(hex(item.get("course_id")))
                .filter(c -> access.canSeeCourse(caller, c))
                .orElseThrow(() -> DomainException.notFound("content item", hex(item.get("_id"))));
    }
}
