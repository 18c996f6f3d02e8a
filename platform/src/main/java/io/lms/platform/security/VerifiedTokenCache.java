package io.lms.platform.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A {@link JwtDecoder} that parses and checks the signature of each token once: a client sends the same bearer
 * token with every request until it expires, and parsing it and computing its HMAC again was a tenth of a progress
 * command's CPU in a profile. The claims (expiry, issuer, subject and role) are validated again on every use, so a
 * token that expired since it was first seen is refused as before. Only tokens that decoded successfully are kept,
 * by their whole text, at most {@code maxEntries} (when full, the cache starts over).
 */
final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> validator;
    private final int maxEntries;
    private final ConcurrentMap<String, Jwt> verified = new ConcurrentHashMap<>();

    /**
     * @param decoder checks the signature and validates with {@code validator}
     * @param validator the claims' checks, run again each time a kept token is used
     */
    VerifiedTokenCache(JwtDecoder decoder, OAuth2TokenValidator<Jwt> validator, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        }
        this.decoder = decoder;
        this.validator = validator;
        this.maxEntries = maxEntries;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = token == null ? null : verified.get(token);
        if (known == null) {
            Jwt jwt = decoder.decode(token);
            if (verified.size() >= maxEntries) {
                verified.clear();
            }
            verified.put(token, jwt);
            return jwt;
        }
        OAuth2TokenValidatorResult result = validator.validate(known);
        if (result.hasErrors()) {
            verified.remove(token);
            throw new JwtValidationException(
                    "An error occurred while attempting to decode the Jwt: "
                            + result.getErrors().iterator().next().getDescription(),
                    result.getErrors());
        }
        return known;
    }

    int size() {
        return verified.size();
    }
}
