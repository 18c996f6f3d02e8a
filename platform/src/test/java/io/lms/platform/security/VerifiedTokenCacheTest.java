package io.lms.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

class VerifiedTokenCacheTest {

    private static final JwtSettings SETTINGS =
            new JwtSettings(Base64.getEncoder().encodeToString(new byte[32]), "lms", Duration.ofMinutes(5));
    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final JwtTimestampValidator validator = new JwtTimestampValidator(Duration.ZERO);
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final JwtDecoder counted;

    VerifiedTokenCacheTest() {
        validator.setClock(clock);
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(SETTINGS.key())
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        nimbus.setJwtValidator(validator);
        counted = token -> {
            signatureChecks.incrementAndGet();
            return nimbus.decode(token);
        };
    }

    private static String token(String subject, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("lms")
                .subject(subject)
                .issuedAt(NOW.minusSeconds(1))
                .expiresAt(expiresAt)
                .build();
        return new NimbusJwtEncoder(new ImmutableSecret<>(SETTINGS.key()))
                .encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    @Test
    void a_token_used_again_is_not_decoded_again_and_gives_the_same_jwt() {
        VerifiedTokenCache cache = new VerifiedTokenCache(counted, validator, 10);
        String token = token("student-1", NOW.plusSeconds(60));

        Jwt first = cache.decode(token);
        Jwt second = cache.decode(token);

        assertThat(second).isSameAs(first);
        assertThat(second.getSubject()).isEqualTo("student-1");
        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    void a_kept_token_that_has_expired_since_is_refused_and_forgotten() {
        VerifiedTokenCache cache = new VerifiedTokenCache(counted, validator, 10);
        String token = token("student-1", NOW.plusSeconds(60));
        cache.decode(token);

        clock.now = NOW.plusSeconds(61);

        assertThatThrownBy(() -> cache.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(cache.size()).isZero();
    }

    @Test
    void a_token_with_a_wrong_signature_is_refused_every_time_and_never_kept() {
        VerifiedTokenCache cache = new VerifiedTokenCache(counted, validator, 10);
        String token = token("student-1", NOW.plusSeconds(60));
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.length() - 4);

        assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(signatureChecks).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void a_full_cache_starts_over_instead_of_growing() {
        VerifiedTokenCache cache = new VerifiedTokenCache(counted, validator, 2);
        cache.decode(token("a", NOW.plusSeconds(60)));
        cache.decode(token("b", NOW.plusSeconds(60)));

        cache.decode(token("c", NOW.plusSeconds(60)));

        assertThat(cache.size()).isEqualTo(1);
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
