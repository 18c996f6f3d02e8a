package io.lms.api.course;

import java.util.List;

public record LearnerQuizQuestion(String question, List<String> options) {}
