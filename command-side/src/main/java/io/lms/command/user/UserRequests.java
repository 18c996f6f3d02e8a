package io.lms.command.user;

import io.lms.api.common.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The request bodies of the user endpoints, validated for shape at the REST edge. */
final class UserRequests {

    private UserRequests() {}

    record ProfileFields(
            @Size(max = User.MAX_FULL_NAME) String fullName,
            @Size(max = User.MAX_BIO) String bio,
            @Size(max = User.MAX_URL) String avatarUrl) {}

    record Register(
            @NotBlank
                    @Size(min = 3, max = 30)
                    @Pattern(
                            regexp = "^[A-Za-z0-9][A-Za-z0-9._-]*$",
                            message =
                                    "may contain letters, digits, '.', '_' and '-', and starts with a letter or digit")
                    String username,
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(max = 200) String password,
            Role role,
            @Valid ProfileFields profile) {

        @Override
        public String toString() {
            return "Register[username=" + username + "]";
        }
    }

    record ChangePassword(
            @NotNull @Size(max = 200) String currentPassword, @NotNull @Size(max = 200) String newPassword) {

        @Override
        public String toString() {
            return "ChangePassword[]";
        }
    }

    record ChangeRole(@NotNull Role role) {}

    record Token(@NotBlank @Size(max = 254) String login, @NotNull @Size(max = 200) String password) {

        @Override
        public String toString() {
            return "Token[login=" + login + "]";
        }
    }

    record RefreshToken(@NotBlank @Size(max = 200) String refreshToken) {

        @Override
        public String toString() {
            return "RefreshToken[]";
        }
    }

    record TokenResponse(
            String accessToken, String tokenType, long expiresIn, String refreshToken, long refreshExpiresIn) {

        @Override
        public String toString() {
            return "TokenResponse[expiresIn=" + expiresIn + "]";
        }
    }
}
