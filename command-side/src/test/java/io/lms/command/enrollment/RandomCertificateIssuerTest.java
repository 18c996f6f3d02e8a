package io.lms.command.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomCertificateIssuerTest {

    private final RandomCertificateIssuer issuer = new RandomCertificateIssuer();

    @Test
    void a_verification_code_carries_at_least_128_random_bits_in_url_safe_text() {
        String code = issuer.issue().verificationCode();

        assertThat(code).matches("^[A-Za-z0-9_-]+$");
        assertThat(Base64.getUrlDecoder().decode(code).length * 8).isGreaterThanOrEqualTo(128);
    }

    @Test
    void every_certificate_gets_its_own_object_id_and_code() {
        Set<String> ids = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            CertificateIssuer.NewCertificate certificate = issuer.issue();
            ids.add(certificate.certificateId());
            codes.add(certificate.verificationCode());
        }
        assertThat(ids).hasSize(1_000).allMatch(id -> id.matches("^[0-9a-f]{24}$"));
        assertThat(codes).hasSize(1_000);
    }
}
