package io.lms.api.enrollment;

/** Where a student is with one content item. Completed stays completed. */
public enum ProgressStatus {
    STARTED,
    COMPLETED
}
