package io.lms.api.course;

import java.time.Instant;

public record AssignmentData(String instructions, Instant dueDate, String submissionType) {}
