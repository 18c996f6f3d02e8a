package io.lms.platform.security;

import java.time.Duration;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The token settings both services share ({@code lms.security.jwt.*}): the HMAC key (base64, at least 256
 * bits; {@code LMS_JWT_SECRET}), the issuer and the lifetime of an access token.
 */
@ConfigurationProperties("lms.security.jwt")
public record JwtSettings(String secret, String issuer, Duration ttl) {

    public static final String ROLE_CLAIM = "role";
    public static final String USERNAME_CLAIM = "username";

    public JwtSettings {
        if (issuer == null || issuer.isBlank()) {
            issuer = "lms";
        }
        if (ttl == null) {
            ttl = Duration.ofMinutes(5);
        }
    }

    public SecretKey key() {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException(
                    "No token signing key: set LMS_JWT_SECRET (base64 of at least 32 random bytes) for both services");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(secret.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("LMS_JWT_SECRET is not valid base64", e);
        }
        if (bytes.length < 32) {
            throw new IllegalStateException("LMS_JWT_SECRET must decode to at least 32 bytes (256 bits)");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
