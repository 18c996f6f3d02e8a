package io.lms.api.enrollment;

import org.axonframework.serialization.Revision;

/**
 * The student's certificate for the course, issued once, when the enrollment first completes.
 * {@code verificationCode} has at least 128 random bits (URL-safe); whoever holds it can verify the certificate.
 */
@Revision("1")
public record CertificateIssuedEvent(
        String enrollmentId,
        String certificateId,
        String studentId,
        String courseId,
        String courseTitle,
        String verificationCode) {}
