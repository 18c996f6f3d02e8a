package io.lms.api.error;

/**
 * Every business refusal the platform gives, with the kind that decides its HTTP status. The code travels
 * with the exception from the aggregate to the problem detail ({@code type} ends with the code in kebab case).
 */
public enum ErrorCode {
    VALIDATION_FAILED(ErrorKind.INVALID, "The request is not valid"),
    MALFORMED_REQUEST(ErrorKind.INVALID, "The request body cannot be read"),
    BAD_CREDENTIALS(ErrorKind.UNAUTHENTICATED, "Login or password is wrong"),
    AUTHENTICATION_REQUIRED(ErrorKind.UNAUTHENTICATED, "Authentication is required"),
    FORBIDDEN(ErrorKind.FORBIDDEN, "You are not allowed to do this"),
    NOT_FOUND(ErrorKind.NOT_FOUND, "No such resource"),
    USERNAME_TAKEN(ErrorKind.CONFLICT, "The username is taken"),
    EMAIL_TAKEN(ErrorKind.CONFLICT, "The email address is taken"),
    ROLE_NOT_SELF_ASSIGNABLE(ErrorKind.FORBIDDEN, "This role cannot be chosen at sign-up"),
    PASSWORD_TOO_WEAK(ErrorKind.INVALID, "The password does not meet the rules"),
    WRONG_CURRENT_PASSWORD(ErrorKind.INVALID, "The current password is wrong"),
    OWN_ROLE_CHANGE(ErrorKind.CONFLICT, "An admin cannot change their own role"),
    CONCURRENT_MODIFICATION(ErrorKind.CONFLICT, "Someone else changed this at the same time; try again"),
    STALE_VERSION(ErrorKind.PRECONDITION_FAILED, "The resource has changed since the version you sent"),
    TOO_MANY_ATTEMPTS(ErrorKind.TOO_MANY_REQUESTS, "Too many failed attempts; wait before trying again"),
    READ_MODEL_BEHIND(ErrorKind.UNAVAILABLE, "The read model has not caught up with that version yet"),
    SLUG_TAKEN(ErrorKind.CONFLICT, "The slug is taken by another course"),
    ILLEGAL_STATUS_TRANSITION(ErrorKind.CONFLICT, "The course cannot move to that status from its current one"),
    COURSE_NOT_PUBLISHABLE(ErrorKind.CONFLICT, "A published course needs a description and at least one content item"),
    CONTENT_TYPE_CHANGE(ErrorKind.CONFLICT, "A content item keeps its type; delete it and add a new one"),
    INVALID_QUIZ(ErrorKind.INVALID, "The quiz is not valid"),
    UNKNOWN_CURRICULUM_CONTENT(ErrorKind.INVALID, "The curriculum names content that is not part of this course"),
    COURSE_NOT_OPEN(ErrorKind.CONFLICT, "The course takes no new enrollments (it is a draft or archived)"),
    OWN_COURSE_ENROLLMENT(ErrorKind.CONFLICT, "An instructor cannot enroll in their own course"),
    ALREADY_ENROLLED(ErrorKind.CONFLICT, "You are already enrolled in this course"),
    NOT_ENROLLED(ErrorKind.CONFLICT, "The enrollment is not active"),
    CONTENT_NOT_IN_COURSE(ErrorKind.INVALID, "The content item is not part of the enrolled course"),
    NOT_A_QUIZ(ErrorKind.INVALID, "The content item is not a quiz"),
    INVALID_QUIZ_ANSWERS(ErrorKind.INVALID, "The answers do not fit the quiz's questions and options"),
    REVIEW_EXISTS(ErrorKind.CONFLICT, "You have already reviewed this course; edit that review instead"),
    NO_REVIEW(ErrorKind.NOT_FOUND, "There is no such review"),
    NOT_A_COURSE_STUDENT(ErrorKind.FORBIDDEN, "Only students actively enrolled in the course review it"),
    VERSION_DOES_NOT_EXIST(ErrorKind.CONFLICT, "The resource has no such version"),
    TOO_MANY_WAITING_READS(ErrorKind.TOO_MANY_REQUESTS, "Too many reads are waiting for the read models"),
    INVALID_REFRESH_TOKEN(ErrorKind.UNAUTHENTICATED, "The refresh token is not valid"),
    NOT_A_FORUM_MEMBER(
            ErrorKind.FORBIDDEN,
            "Posting needs an active enrollment in the course, or being its instructor or an admin"),
    INVALID_PARENT_POST(ErrorKind.INVALID, "The parent is not a post of this forum"),
    POST_DELETED(ErrorKind.CONFLICT, "The post was deleted"),
    REPLAY_RUNNING(ErrorKind.CONFLICT, "A replay of this projection is already running");

    private final ErrorKind kind;
    private final String title;

    ErrorCode(ErrorKind kind, String title) {
        this.kind = kind;
        this.title = title;
    }

    public ErrorKind kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    /** The stable, documented slug of this code, e.g. {@code username-taken}. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
