package io.lms.api.course;

import java.util.List;

/** A quiz as students see it, without answers. */
public record LearnerQuizData(List<LearnerQuizQuestion> questions) {}
