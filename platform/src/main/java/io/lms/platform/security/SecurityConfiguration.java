package io.lms.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lms.api.error.ErrorCode;
import io.lms.platform.error.Problems;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Both services are OAuth2 resource servers for the tokens that {@code POST /api/auth/token} signs. Failures are
 * answered as problem details: 401 with {@code WWW-Authenticate: Bearer}, 403.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JwtSettings.class)
public class SecurityConfiguration {

    /**
     * No Micrometer observation around each security filter: Spring Security wraps every filter of every request
     * in one, which cost a tenth of a catalog request's CPU in a profile, and no metrics backend reads them.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Request matchers of the security rules use {@code PathPatternRequestMatcher} (Spring Security 6.5's
     * recommended default) instead of {@code MvcRequestMatcher}, which asked Spring MVC's handler mappings on every
     * request. The patterns are plain paths, so both match the same requests; the security contract tests pin it.
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean requestMatcherBuilder() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** Signature checked once per token (see {@link VerifiedTokenCache}), claims on every request. */
    @Bean
    JwtDecoder jwtDecoder(
            JwtSettings settings, @Value("${lms.auth.verified-tokens.max-entries:10000}") int verifiedTokens) {
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(settings.issuer()),
                jwt -> jwt.getClaimAsString(JwtSettings.ROLE_CLAIM) != null && jwt.getSubject() != null
                        ? org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success()
                        : org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.failure(
                                new org.springframework.security.oauth2.core.OAuth2Error(
                                        "invalid_token", "the token has no subject or role", null)));
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(settings.key())
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(validator);
        return new VerifiedTokenCache(decoder, validator, verifiedTokens);
    }

    @Bean
    SecurityFilterChain securityFilterChain(
            HttpSecurity http, List<PublicEndpoints> publicEndpoints, ObjectMapper mapper) throws Exception {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> List.of(new SimpleGrantedAuthority(
                "ROLE_" + jwt.getClaimAsString(JwtSettings.ROLE_CLAIM).toUpperCase(Locale.ROOT))));
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> {
                    // metrics are figures of the services (JVM, projections' lag), nothing about users: a Prometheus
                    // scraper reads them without a session
                    auth.requestMatchers(
                                    "/actuator/health/**",
                                    "/actuator/health",
                                    "/actuator/info",
                                    "/actuator/prometheus",
                                    "/error")
                            .permitAll();
                    publicEndpoints.stream()
                            .flatMap(p -> p.endpoints().stream())
                            .forEach(e -> auth.requestMatchers(e.method(), e.pattern())
                                    .permitAll());
                    auth.anyRequest().authenticated();
                })
                .oauth2ResourceServer(rs -> rs.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint((request, response, e) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            Problems.write(
                                    response,
                                    Problems.of(
                                            ErrorCode.AUTHENTICATION_REQUIRED,
                                            request.getHeader("Authorization") == null
                                                    ? "This needs a bearer token from POST /api/auth/token"
                                                    : "The bearer token is invalid or has expired"),
                                    mapper);
                        })
                        .accessDeniedHandler((request, response, e) -> Problems.write(
                                response, Problems.of(ErrorCode.FORBIDDEN, "You are not allowed to do this"), mapper)))
                .exceptionHandling(ex -> ex.authenticationEntryPoint((request, response, e) -> {
                    response.setHeader("WWW-Authenticate", "Bearer");
                    Problems.write(
                            response,
                            Problems.of(
                                    ErrorCode.AUTHENTICATION_REQUIRED,
                                    "This needs a bearer token from POST /api/auth/token"),
                            mapper);
                }));
        return http.build();
    }
}
