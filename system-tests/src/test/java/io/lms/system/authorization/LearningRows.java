package io.lms.system.authorization;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Enrollments, progress, reviews and certificates, as api.md's Learning and query tables say. The owner is the
 * course's instructor; the enrolled student is the enrollment's student and a review's author. An enrollment a
 * caller may not read answers 404 on the query side, as if it did not exist. One row differs from api.md's "who"
 * column: an instructor may enroll in another's course (domain rule 12 forbids only their own, which answers 409
 * own-course-enrollment).
 */
class LearningRows implements AuthorizationRows {

    @Override
    public String table() {
        return """
                endpoint                                          target     anonymous student enrolled instructor owner auditor admin
                POST   /api/courses/{id}/enrollments              published  401       201     -        201        409   403     403
                DELETE /api/enrollments/{id}                      enrollment 401       403     200      403        403   403     200
                POST   /api/enrollments/{id}/progress             enrollment 401       403     200      403        403   403     403
                POST   /api/enrollments/{id}/quiz-attempts        enrollment 401       403     -        403        403   403     403
                POST   /api/courses/{id}/reviews                  enrolled   401       403     201      403        403   403     403
                PUT    /api/courses/{id}/reviews/{reviewId}       review     401       403     200      403        403   403     403
                DELETE /api/courses/{id}/reviews/{reviewId}       review     401       403     200      403        403   403     200
                GET    /api/enrollments/{id}                      enrollment 401       404     200      404        200   404     200
                GET    /api/enrollments/{id}/progress             enrollment 401       404     200      404        200   404     200
                GET    /api/users/{id}/enrollments                user       401       403     -        403        200   403     200
                GET    /api/courses/{id}/enrollments              enrolled   401       403     403      403        200   403     200
                GET    /api/courses/{id}/reviews                  review     200       200     200      200        200   200     200
                GET    /api/users/{id}/certificates               user       401       403     -        403        200   403     200
                GET    /api/certificates/{id}                     enrollment 404       404     404      404        404   404     404
                """;
    }

    @Override
    public Map<String, Function<Target, Object>> bodies() {
        return Map.of(
                "POST /api/enrollments/{id}/progress",
                t -> Map.of("content_id", t.variables().get("contentId"), "status", "completed"),
                "POST /api/enrollments/{id}/quiz-attempts",
                t -> Map.of("content_id", t.variables().get("contentId"), "answers", List.of(0)),
                "POST /api/courses/{id}/reviews",
                t -> Map.of("rating", 5, "review_text", "Clear"),
                "PUT /api/courses/{id}/reviews/{reviewId}",
                t -> Map.of("rating", 3, "review_text", "Changed my mind"));
    }
}
