package io.lms.api.common;

/** What a user may do on the platform. Only {@link #STUDENT} and {@link #INSTRUCTOR} can be chosen at sign-up. */
public enum Role {
    STUDENT,
    INSTRUCTOR,
    ADMIN,
    /** Read-only access to the audit trail; granted by an admin. */
    AUDITOR;

    public boolean selfAssignable() {
        return this == STUDENT || this == INSTRUCTOR;
    }
}
