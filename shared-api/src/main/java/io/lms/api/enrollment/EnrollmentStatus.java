package io.lms.api.enrollment;

/** An enrollment is active until the student unenrolls; enrolling again makes it active again, history kept. */
public enum EnrollmentStatus {
    ACTIVE,
    UNENROLLED
}
