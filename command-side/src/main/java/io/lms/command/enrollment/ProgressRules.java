package io.lms.command.enrollment;

import io.lms.api.course.ContentType;
import io.lms.api.enrollment.ProgressStatus;
import io.lms.platform.error.DomainException;

/** What a progress record may say about an item of a given type. */
final class ProgressRules {

    private ProgressRules() {}

    /**
     * Answers the status asked for, if it fits the item: {@code progress} (0–100) only for videos, and a quiz is
     * completed by submitting an attempt, never by saying so.
     */
    static ProgressStatus check(ContentType type, ProgressStatus status, Integer progress) {
        if (status == null) {
            throw DomainException.invalid("status", "is required: started or completed");
        }
        if (progress != null && type != ContentType.VIDEO) {
            throw DomainException.invalid("progress", "is only for videos");
        }
        if (progress != null && (progress < 0 || progress > 100)) {
            throw DomainException.invalid("progress", "must be 0 to 100");
        }
        if (type == ContentType.QUIZ && status == ProgressStatus.COMPLETED) {
            throw DomainException.invalid("status", "a quiz is completed by submitting an attempt");
        }
        return status;
    }
}
