package io.lms.command.enrollment;

import io.lms.api.error.ErrorCode;
import io.lms.command.enrollment.CourseFacts.QuizKey;
import io.lms.platform.error.DomainException;
import io.lms.platform.error.FieldViolation;
import java.util.List;

/** Scores a quiz attempt against the quiz's answer key, which never leaves the server. */
final class QuizScoring {

    /** An attempt's result: {@code score} is {@code correct} ÷ {@code total} in percent, to two decimals. */
    record Score(int correct, int total, double score) {}

    private QuizScoring() {}

    /** One answer per question, each an index of that question's options; otherwise refused. */
    static Score score(List<QuizKey> key, List<Integer> answers) {
        if (answers == null || answers.size() != key.size()) {
            throw invalid("answers", "must hold one answer per question: " + key.size());
        }
        int correct = 0;
        for (int i = 0; i < key.size(); i++) {
            Integer answer = answers.get(i);
            QuizKey question = key.get(i);
            if (answer == null || answer < 0 || answer >= question.optionCount()) {
                throw invalid(
                        "answers[" + i + "]",
                        "must index the question's options, from 0 to " + (question.optionCount() - 1));
            }
            if (answer == question.correctAnswer()) {
                correct++;
            }
        }
        return new Score(correct, key.size(), Percent.of(correct, key.size()));
    }

    private static DomainException invalid(String field, String message) {
        return new DomainException(
                ErrorCode.INVALID_QUIZ_ANSWERS, field + " " + message, List.of(new FieldViolation(field, message)));
    }
}
