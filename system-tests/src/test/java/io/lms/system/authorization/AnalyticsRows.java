package io.lms.system.authorization;

import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Course analytics: the course's instructor and admins. Whoever else may see the course gets 403, and for the rest
 * a draft does not exist (404), as for the course itself. The targets are the courses of {@link Cast} once the
 * course-analytics projection has them, so that no cell runs before its own projection caught up.
 */
class AnalyticsRows implements AuthorizationRows {

    @Override
    public String table() {
        return """
                endpoint                                   target              anonymous student enrolled instructor owner auditor admin
                GET    /api/courses/{id}/analytics         analytics-draft     401       404     -        404        200   404     200
                GET    /api/courses/{id}/analytics         analytics-enrolled  401       403     403      403        200   403     200
                """;
    }

    @Override
    public Map<String, Function<Cast, Target>> targets() {
        return Map.of(
                "analytics-draft", cast -> analysed(cast, cast.draftCourse()),
                "analytics-enrolled", cast -> analysed(cast, cast.enrolledCourse()));
    }

    private static Target analysed(Cast cast, Target course) {
        String path = "/api/courses/" + course.variables().get("id") + "/analytics";
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> cast.http()
                                .query(path)
                                .token(course.owner().token())
                                .send()
                                .status()
                        == 200);
        return course;
    }
}
