package io.lms.api.enrollment;

import java.time.Instant;

/**
 * A certificate as a verifier sees it: who earned it, for which course, when. {@code certificateUrl} is the
 * query-side URL with the verification code that lets anyone holding it verify the certificate.
 */
public record CertificateView(
        String id,
        String userId,
        String courseId,
        Instant issuedAt,
        String certificateUrl,
        String studentName,
        String courseTitle) {}
