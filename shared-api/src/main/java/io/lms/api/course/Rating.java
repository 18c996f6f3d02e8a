package io.lms.api.course;

/** A course's rating, kept current from its reviews. */
public record Rating(double average, long count) {}
