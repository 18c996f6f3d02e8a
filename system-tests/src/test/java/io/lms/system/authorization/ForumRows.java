package io.lms.system.authorization;

import java.util.Map;
import java.util.function.Function;

/**
 * Forums, their posts and notifications. The owner is the course's instructor (for a notification, its user); the
 * enrolled student is enrolled in the forum's course and the author of its post.
 */
class ForumRows implements AuthorizationRows {

    @Override
    public String table() {
        return """
                endpoint                                          target       anonymous student enrolled instructor owner auditor admin
                POST   /api/courses/{id}/forums                   enrolled     401       403     403      403        201   403     201
                PATCH  /api/forums/{id}                           forum        401       403     403      403        200   403     200
                POST   /api/forums/{id}/posts                     forum        401       403     201      403        201   403     201
                PATCH  /api/forums/{id}/posts/{postId}            forum        401       403     200      403        403   403     403
                DELETE /api/forums/{id}/posts/{postId}            forum        401       403     200      403        200   403     200
                GET    /api/courses/{id}/forums                   enrolled     401       403     200      403        200   403     200
                GET    /api/forums/{id}                           forum        401       403     200      403        200   403     200
                GET    /api/forums/{id}/posts                     forum        401       403     200      403        200   403     200
                GET    /api/forums/{id}/posts/{postId}            forum        401       403     200      403        200   403     200
                POST   /api/notifications/{id}/read               notification 401       403     -        403        200   403     403
                POST   /api/users/{id}/notifications/read-all     user         401       403     -        403        200   403     403
                GET    /api/users/{id}/notifications              user         401       403     -        403        200   403     403
                """;
    }

    @Override
    public Map<String, Function<Target, Object>> bodies() {
        return Map.of(
                "POST /api/courses/{id}/forums", t -> Map.of("title", "More questions", "description", "Ask"),
                "PATCH /api/forums/{id}", t -> Map.of("title", "Renamed"),
                "POST /api/forums/{id}/posts", t -> Map.of("content", "An answer"),
                "PATCH /api/forums/{id}/posts/{postId}", t -> Map.of("content", "Edited"));
    }
}
