package io.lms.command.forum;

import io.lms.platform.error.DomainException;
import java.util.regex.Pattern;

/** The shape rules of a forum's and a post's fields, decided on the command; each answers the value as stored. */
final class ForumRules {

    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 5_000;
    static final int MAX_CONTENT = 10_000;

    private static final Pattern OBJECT_ID = Pattern.compile("^[0-9a-f]{24}$");

    private ForumRules() {}

    static String title(String title) {
        return text("title", title, 1, MAX_TITLE);
    }

    static String description(String description) {
        return description == null ? "" : text("description", description, 0, MAX_DESCRIPTION);
    }

    static String content(String content) {
        return text("content", content, 1, MAX_CONTENT);
    }

    static String objectId(String field, String id) {
        if (id == null || !OBJECT_ID.matcher(id).matches()) {
            throw DomainException.invalid(field, "must be a 24-hex-digit ObjectId");
        }
        return id;
    }

    private static String text(String field, String value, int min, int max) {
        if (value == null) {
            throw DomainException.invalid(field, "is required");
        }
        String trimmed = value.trim();
        if (trimmed.length() < min || trimmed.length() > max) {
            throw DomainException.invalid(
                    field,
                    min == 0
                            ? "must be at most " + max + " characters"
                            : "must be " + min + " to " + max + " characters");
        }
        return trimmed;
    }
}
