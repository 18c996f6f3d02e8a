package io.lms.api.course;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The course's whole curriculum, as it is now. */
@Revision("1")
public record CurriculumReplacedEvent(String courseId, String instructorId, String title, List<Topic> topics) {}
