package io.lms.api.course;

import org.axonframework.serialization.Revision;

/** The course takes no new enrollments from now on; {@code previousStatus} is draft or published. */
@Revision("1")
public record CourseArchivedEvent(String courseId, String instructorId, String title, CourseStatus previousStatus) {}
