package io.lms.api.course;

/** Media facts of a content item: {@code duration} in seconds; {@code views} is a string, as collections.md has it. */
public record ContentMetadata(Integer duration, String fileUrl, String thumbnailUrl, String views) {}
