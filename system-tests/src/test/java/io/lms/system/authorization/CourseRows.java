package io.lms.system.authorization;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Courses and their content: authoring commands on a draft, and reads of a draft and of a published course. The
 * owner is the course's instructor. A course a caller may not see answers 404, as if it did not exist.
 */
class CourseRows implements AuthorizationRows {

    @Override
    public String table() {
        return """
                endpoint                                       target         anonymous student enrolled instructor owner auditor admin
                POST   /api/courses                            none           401       403     -        201        -     403     201
                PATCH  /api/courses/{id}                       draft          401       403     -        403        200   403     200
                PUT    /api/courses/{id}/topics                draft          401       403     -        403        200   403     200
                POST   /api/courses/{id}/publish               draft          401       403     -        403        200   403     200
                POST   /api/courses/{id}/archive               draft          401       403     -        403        200   403     200
                POST   /api/courses/{id}/content               draft          401       403     -        403        201   403     201
                PATCH  /api/courses/{id}/content/{contentId}   draft          401       403     -        403        200   403     200
                DELETE /api/courses/{id}/content/{contentId}   draft          401       403     -        403        200   403     200
                GET    /api/courses                            none           200       200     -        200        -     200     200
                GET    /api/courses/{id}                       draft          404       404     -        404        200   404     200
                GET    /api/courses/{id}                       published      200       200     -        200        200   200     200
                GET    /api/courses/slug/{slug}                draft          404       404     -        404        200   404     200
                GET    /api/courses/slug/{slug}                published      200       200     -        200        200   200     200
                GET    /api/courses/{id}/content               draft          404       404     -        404        200   404     200
                GET    /api/courses/{id}/content               published      401       403     -        403        200   403     200
                GET    /api/content/{id}                       draft-item     401       404     -        404        200   404     200
                GET    /api/content/{id}                       published-item 401       403     -        403        200   403     200
                """;
    }

    @Override
    public Map<String, Function<Target, Object>> bodies() {
        return Map.of(
                "POST /api/courses", t -> Cast.Bodies.course("New course " + UUID.randomUUID()),
                "PATCH /api/courses/{id}", t -> Map.of("title", "Renamed"),
                "PUT /api/courses/{id}/topics", CourseRows::curriculum,
                "POST /api/courses/{id}/content", t -> Cast.Bodies.video(),
                "PATCH /api/courses/{id}/content/{contentId}", t -> Map.of("title", "Renamed"));
    }

    private static Object curriculum(Target course) {
        Map<String, Object> section = Map.of(
                "topic",
                "Start",
                "subtopics",
                List.of(),
                "videos",
                List.of(course.variables().get("contentId")));
        return List.of(Map.of("topic_title", "Basics", "sections", List.of(section)));
    }
}
