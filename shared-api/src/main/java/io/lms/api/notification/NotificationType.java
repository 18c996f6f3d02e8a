package io.lms.api.notification;

/** What a notification is about; stored and shown in lower case ({@code forum_reply}, ...). */
public enum NotificationType {
    FORUM_REPLY,
    COURSE_UPDATE,
    CERTIFICATE_ISSUED,
    NEW_ENROLLMENT
}
