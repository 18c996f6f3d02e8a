package io.lms.query.enrollment;

import static io.lms.query.support.Documents.hex;

import io.lms.api.enrollment.EnrollmentView;
import io.lms.api.enrollment.ProgressView;
import io.lms.platform.error.DomainException;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import io.lms.platform.web.PageResponse;
import io.lms.platform.web.Paging;
import io.lms.query.course.CourseAccess;
import io.lms.query.course.CourseReadModel;
import io.lms.query.support.ReadYourWrites;
import io.lms.query.support.ReadYourWrites.Target;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Enrollments and their progress, for the student, the course's instructor and admins. An enrollment's id is
 * derived from its student and course (EnrollmentKey), so anyone could work it out: to everyone else an enrollment
 * answers 404 as if it did not exist, so that the answer does not tell whether someone is enrolled.
 */
@RestController
class EnrollmentQueryController {

    private final EnrollmentReadModel enrollments;
    private final CourseReadModel courses;
    private final CourseAccess access;
    private final ReadYourWrites readYourWrites;

    EnrollmentQueryController(
            EnrollmentReadModel enrollments,
            CourseReadModel courses,
            CourseAccess access,
            ReadYourWrites readYourWrites) {
        this.enrollments = enrollments;
        this.courses = courses;
        this.access = access;
        this.readYourWrites = readYourWrites;
    }

    @Access("the student, course owner, admin")
    @GetMapping("/api/enrollments/{id}")
    ResponseEntity<EnrollmentView> enrollment(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(name = "min_version", required = false) Long minVersion,
            Caller caller) {
        caller.requireAuthenticated();
        Document enrollment = readYourWrites.load(() -> enrollments.find(id), minVersion, enrollmentById(id, caller));
        return ReadYourWrites.withEtag(enrollment, EnrollmentReadModel.view(enrollment));
    }

    /** {@code min_version} waits for the enrollment's version: every progress event moves the enrollment too. */
    @Access("the student, course owner, admin")
    @GetMapping("/api/enrollments/{id}/progress")
    ResponseEntity<PageResponse<ProgressView>> progress(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(name = "min_version", required = false) Long minVersion,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size,
            Caller caller) {
        caller.requireAuthenticated();
        Document enrollment = readYourWrites.load(() -> enrollments.find(id), minVersion, enrollmentById(id, caller));
        return Paging.ok(enrollments.progressOf(enrollment, page, size));
    }

    @Access("self, admin")
    @GetMapping("/api/users/{id}/enrollments")
    ResponseEntity<PageResponse<EnrollmentView>> ofStudent(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size,
            Caller caller) {
        caller.requireSelfOrAdmin(id);
        return Paging.ok(enrollments.ofStudent(id, page, size));
    }

    /** A course the caller may not see does not exist for them (404); one they may see but do not own is 403. */
    @Access("owner, admin")
    @GetMapping("/api/courses/{id}/enrollments")
    ResponseEntity<PageResponse<EnrollmentView>> ofCourse(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size,
            Caller caller) {
        caller.requireAuthenticated();
        Document course = courses.findCourse(id)
                .filter(c -> access.canSeeCourse(caller, c))
                .orElseThrow(() -> DomainException.notFound("course", id));
        if (!access.isOwnerOrAdmin(caller, course)) {
            throw DomainException.forbidden("Only the course's instructor and admins see its enrollments");
        }
        return Paging.ok(enrollments.ofCourse(id, page, size));
    }

    private Target enrollmentById(String id, Caller caller) {
        return Target.aggregate("enrollment", id, caller).visibleIf(e -> mayRead(caller, e));
    }

    private boolean mayRead(Caller caller, Document enrollment) {
        return caller.is(hex(enrollment.get("user_id")))
                || caller.isAdmin()
                || courses.findCourse(hex(enrollment.get("course_id")))
                        .map(c -> access.isOwnerOrAdmin(caller, c))
                        .orElse(false);
    }
}
