package io.lms.query.admin;

import io.lms.platform.security.PublicEndpoints;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The projections' status page: static files ({@code static/admin/projections.*}) that hold no data and are served
 * without a token; the script reads {@code GET /api/admin/projections} with the admin's bearer token, which the
 * page asks for. {@code /admin/projections} shows the page. Its own strict Content-Security-Policy: scripts, styles
 * and requests only from this origin, no inline script or style, no framing.
 */
@Configuration(proxyBeanMethods = false)
class StatusPageConfiguration implements WebMvcConfigurer {

    static final String PAGE = "/admin/projections";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

    @Bean
    PublicEndpoints statusPagePublicEndpoints() {
        return PublicEndpoints.of(
                PublicEndpoints.get(PAGE),
                PublicEndpoints.get(PAGE + ".html"),
                PublicEndpoints.get(PAGE + ".js"),
                PublicEndpoints.get(PAGE + ".css"));
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController(PAGE).setViewName("forward:" + PAGE + ".html");
    }

    @Bean
    FilterRegistrationBean<Filter> statusPageContentSecurityPolicy() {
        Filter filter = (request, response, chain) -> {
            ((HttpServletResponse) response).setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            chain.doFilter(request, response);
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/admin/*");
        return registration;
    }
}
