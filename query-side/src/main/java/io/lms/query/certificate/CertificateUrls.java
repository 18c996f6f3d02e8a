package io.lms.query.certificate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A certificate's {@code certificate_url}: {@code GET /api/certificates/{id}?code=...} on the query side, which
 * anyone holding it may open. The documents keep the path; it is made absolute when answered, with
 * {@code lms.query-side.public-url} ({@code LMS_QUERY_SIDE_PUBLIC_URL}) where the service is reached through a
 * proxy, else with the address the request reached this service by.
 */
@Component
class CertificateUrls {

    private final String baseUrl;

    CertificateUrls(@Value("${lms.query-side.public-url:}") String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    static String path(String certificateId, String verificationCode) {
        return "/api/certificates/" + certificateId + "?code="
                + URLEncoder.encode(verificationCode, StandardCharsets.UTF_8);
    }

    String absolute(String path) {
        if (path == null) {
            return null;
        }
        String base = baseUrl.isEmpty()
                ? ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()
                : baseUrl;
        return base + path;
    }
}
