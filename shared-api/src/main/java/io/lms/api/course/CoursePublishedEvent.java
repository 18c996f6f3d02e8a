package io.lms.api.course;

import org.axonframework.serialization.Revision;

@Revision("1")
public record CoursePublishedEvent(String courseId, String instructorId, String title) {}
