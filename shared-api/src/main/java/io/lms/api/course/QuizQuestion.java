package io.lms.api.course;

import java.util.List;

/** A question with its options; {@code correctAnswer} indexes {@code options} and is never shown to students. */
public record QuizQuestion(String question, List<String> options, Integer correctAnswer) {}
