package io.lms.api.course;

import java.util.List;

public record QuizData(List<QuizQuestion> questions) {}
