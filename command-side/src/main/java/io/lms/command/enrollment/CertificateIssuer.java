package io.lms.command.enrollment;

/** Gives a new certificate its id and its verification code, which whoever holds it can verify it with. */
@FunctionalInterface
public interface CertificateIssuer {

    NewCertificate issue();

    record NewCertificate(String certificateId, String verificationCode) {}
}
