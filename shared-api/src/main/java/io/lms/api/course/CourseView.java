package io.lms.api.course;

import java.time.Instant;
import java.util.List;

/** A course as the catalog shows it. */
public record CourseView(
        String id,
        String title,
        String slug,
        String description,
        String category,
        List<String> tags,
        CourseLevel level,
        String instructorId,
        List<Topic> topics,
        List<String> requirements,
        List<String> outcomes,
        Rating rating,
        long enrollmentCount,
        Price price,
        Instant createdAt,
        Instant updatedAt,
        CourseStatus status) {}
