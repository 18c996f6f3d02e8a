package io.lms.command.user;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.lms.api.common.Role;
import io.lms.platform.security.JwtSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/** Signs access tokens (HS256 JWT) that both services validate with the same key. */
@Component
public class TokenIssuer {

    private final JwtEncoder encoder;
    private final JwtSettings settings;
    private final Clock clock = Clock.systemUTC();

    public TokenIssuer(JwtSettings settings) {
        this.settings = settings;
        this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(settings.key()));
    }

    public record Issued(String token, long expiresInSeconds) {}

    public Issued issue(String userId, String username, Role role) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(settings.issuer())
                .subject(userId)
                .issuedAt(now)
                .expiresAt(now.plus(settings.ttl()))
                .claim(JwtSettings.ROLE_CLAIM, role.name().toLowerCase(Locale.ROOT))
                .claim(JwtSettings.USERNAME_CLAIM, username)
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new Issued(token, settings.ttl().toSeconds());
    }
}
