package io.lms.api.course;

/** A caption track of a video: its language tag and where the file is. */
public record Caption(String language, String fileUrl) {}
