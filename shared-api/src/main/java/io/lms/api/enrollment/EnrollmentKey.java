package io.lms.api.enrollment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A student's place in a course. Its {@link #enrollmentId()} is derived from the pair, so that there is one
 * Enrollment aggregate per student and course: two concurrent enrollments of the same pair both try to create
 * the same aggregate at sequence number 0, and the event store lets only one of them in. The id has the shape of
 * an ObjectId (24 hex digits) like every other id of the platform; the query side uses the same derivation to
 * answer "is this student enrolled in this course" with one lookup by {@code _id}.
 */
public record EnrollmentKey(String studentId, String courseId) {

    /** The first 12 bytes of SHA-256 over {@code enrollment:<studentId>:<courseId>}, in lower-case hex. */
    public String enrollmentId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("enrollment:" + studentId + ":" + courseId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
