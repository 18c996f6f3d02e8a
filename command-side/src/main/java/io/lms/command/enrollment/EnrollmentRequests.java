package io.lms.command.enrollment;

import io.lms.api.enrollment.ProgressStatus;
import io.lms.platform.web.ObjectIdValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The request bodies of the learning endpoints, checked for shape at the REST edge; the Enrollment aggregate
 * decides the rest (whose content it is, what fits the quiz) and checks the shape again.
 */
final class EnrollmentRequests {

    /** No quiz has more questions than this; a longer list is refused before it reaches the aggregate. */
    static final int MAX_ANSWERS = 500;

    private EnrollmentRequests() {}

    record Progress(
            @NotNull @ObjectIdValue String contentId,
            @NotNull ProgressStatus status,
            @Min(0) @Max(100) Integer progress) {}

    record QuizAttempt(
            @NotNull @ObjectIdValue String contentId,
            @NotNull @Size(max = MAX_ANSWERS) List<@NotNull Integer> answers) {}

    record Review(@NotNull @Min(1) @Max(5) Integer rating, @Size(max = ReviewRules.MAX_TEXT) String reviewText) {}
}
