package io.lms.query.analytics;

import static io.lms.query.support.Documents.hex;

import io.lms.api.analytics.CourseAnalyticsView;
import io.lms.platform.error.DomainException;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import org.bson.Document;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A course's analytics, for its instructor and admins. Who else may see the course (anyone when it is published;
 * when it is archived, every student who enrolled, also one who left, as docs/learning-read-models.md has it) gets 403; for everyone else it does not exist (404), as for the
 * course itself. The course's owner and status come from the projection's own {@code course_analytics} document,
 * so this endpoint depends on nothing but its projection; a course the projection has not seen yet is a 404.
 */
@RestController
class CourseAnalyticsController {

    private final CourseAnalyticsReadModel readModel;

    CourseAnalyticsController(CourseAnalyticsReadModel readModel) {
        this.readModel = readModel;
    }

    @Access("course owner, admin")
    @GetMapping("/api/courses/{id}/analytics")
    CourseAnalyticsView analytics(@PathVariable @ObjectIdValue String id, Caller caller) {
        caller.requireAuthenticated();
        Document course = readModel.course(id).orElseThrow(() -> DomainException.notFound("course", id));
        boolean ownerOrAdmin = caller.isAdmin() || caller.is(hex(course.get("instructor_id")));
        if (!ownerOrAdmin) {
            if (!seesCourse(caller, id, course.getString("status"))) {
                throw DomainException.notFound("course", id);
            }
            throw DomainException.forbidden("Only the course's instructor and admins see its analytics");
        }
        return CourseAnalyticsFigures.of(course, readModel.enrollmentsOf(id));
    }

    private boolean seesCourse(Caller caller, String courseId, String status) {
        return "published".equals(status)
                || ("archived".equals(status) && readModel.everEnrolled(courseId, caller.userId()));
    }
}
