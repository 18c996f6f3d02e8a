package io.lms.api.course;

import java.util.List;

/** A section of a topic: its title ({@code topic}), subtopic titles and the content items it shows, by id. */
public record Section(String topic, List<String> subtopics, List<String> videos) {}
