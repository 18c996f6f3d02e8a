package io.lms.command.user;

import io.lms.api.error.ErrorCode;
import io.lms.platform.error.DomainException;
import io.lms.platform.error.FieldViolation;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** At least 8 characters; at most 72 bytes, because bcrypt ignores anything beyond that. */
final class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_BYTES = 72;

    private PasswordPolicy() {}

    static void check(String field, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw weak(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw weak(field, "must be at most " + MAX_BYTES + " bytes in UTF-8");
        }
        if (password.isBlank()) {
            throw weak(field, "must not be only white space");
        }
    }

    private static DomainException weak(String field, String message) {
        return new DomainException(
                ErrorCode.PASSWORD_TOO_WEAK, field + " " + message, List.of(new FieldViolation(field, message)));
    }
}
