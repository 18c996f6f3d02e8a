package io.lms.command.web;

import io.lms.platform.security.PublicEndpoints;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class CommandSideWebConfiguration {

    /** Sign-up, sign-in, refresh and sign-out are the only calls without a token (the last two carry a refresh token). */
    @Bean
    PublicEndpoints commandSidePublicEndpoints() {
        return PublicEndpoints.of(
                PublicEndpoints.post("/api/users"),
                PublicEndpoints.post("/api/auth/token"),
                PublicEndpoints.post("/api/auth/refresh"),
                PublicEndpoints.post("/api/auth/logout"));
    }

    /** bcrypt, cost 10 by default ({@code lms.auth.bcrypt-strength}). */
    @Bean
    PasswordEncoder passwordEncoder(
            @org.springframework.beans.factory.annotation.Value("${lms.auth.bcrypt-strength:10}") int strength) {
        return new BCryptPasswordEncoder(strength);
    }
}
