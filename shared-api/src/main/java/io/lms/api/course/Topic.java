package io.lms.api.course;

import java.util.List;

/** One topic of a course's curriculum. */
public record Topic(String topicTitle, List<Section> sections) {}
