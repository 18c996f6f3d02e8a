package io.lms.query.review;

import io.lms.api.enrollment.ReviewView;
import io.lms.platform.error.DomainException;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import io.lms.platform.web.PageResponse;
import io.lms.platform.web.Paging;
import io.lms.query.course.CourseAccess;
import io.lms.query.course.CourseReadModel;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A course's reviews, newest first, public like the course: whoever may see the course reads its reviews. */
@RestController
class ReviewQueryController {

    private final ReviewReadModel reviews;
    private final CourseReadModel courses;
    private final CourseAccess access;

    ReviewQueryController(ReviewReadModel reviews, CourseReadModel courses, CourseAccess access) {
        this.reviews = reviews;
        this.courses = courses;
        this.access = access;
    }

    @Access(Access.ANYONE)
    @GetMapping("/api/courses/{id}/reviews")
    ResponseEntity<PageResponse<ReviewView>> ofCourse(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size,
            Caller caller) {
        courses.findCourse(id)
                .filter(c -> access.canSeeCourse(caller, c))
                .orElseThrow(() -> DomainException.notFound("course", id));
        return Paging.ok(reviews.ofCourse(id, page, size));
    }
}
