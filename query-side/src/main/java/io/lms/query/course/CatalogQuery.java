package io.lms.query.course;

import io.lms.api.course.CourseLevel;
import io.lms.api.course.CourseStatus;
import java.util.List;

/** The filters of {@code GET /api/courses}; {@code null} means no filter. */
record CatalogQuery(
        String category,
        CourseLevel level,
        List<String> tags,
        String instructorId,
        CourseStatus status,
        String text,
        Double minRating,
        CatalogSort sort) {}
