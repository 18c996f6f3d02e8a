package io.lms.command.enrollment;

import io.lms.platform.error.DomainException;

/** A review's rating and text as they may be stored. */
final class ReviewRules {

    static final int MAX_TEXT = 5_000;

    private ReviewRules() {}

    /** Answers the text to store (trimmed, empty when absent) for a rating of 1 to 5 and a bounded text. */
    static String check(int rating, String reviewText) {
        if (rating < 1 || rating > 5) {
            throw DomainException.invalid("rating", "must be 1 to 5");
        }
        String text = reviewText == null ? "" : reviewText.trim();
        if (text.length() > MAX_TEXT) {
            throw DomainException.invalid("review_text", "must be at most " + MAX_TEXT + " characters");
        }
        return text;
    }
}
