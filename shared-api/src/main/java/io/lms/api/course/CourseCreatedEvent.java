package io.lms.api.course;

import org.axonframework.serialization.Revision;

/** A draft course was created; {@code details} holds every field (the slug as decided, derived or given). */
@Revision("1")
public record CourseCreatedEvent(String courseId, String instructorId, CourseDetails details) {}
