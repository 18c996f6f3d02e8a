package io.lms.command.enrollment;

import java.util.Optional;

/** The facts of a course as its event history says now; empty for a course that does not exist. */
@FunctionalInterface
public interface CourseFactsLookup {

    Optional<CourseFacts> find(String courseId);
}
