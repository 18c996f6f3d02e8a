package io.lms.command.enrollment;

import java.security.SecureRandom;
import java.util.Base64;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * A new ObjectId for each certificate, and a verification code of {@value #CODE_BYTES} bytes from
 * {@link SecureRandom} (256 bits, URL-safe base64 without padding): nobody guesses one, so a certificate is
 * verifiable by whoever was given its URL and by nobody else.
 */
@Component
class RandomCertificateIssuer implements CertificateIssuer {

    static final int CODE_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    @Override
    public NewCertificate issue() {
        byte[] code = new byte[CODE_BYTES];
        random.nextBytes(code);
        return new NewCertificate(
                new ObjectId().toHexString(),
                Base64.getUrlEncoder().withoutPadding().encodeToString(code));
    }
}
