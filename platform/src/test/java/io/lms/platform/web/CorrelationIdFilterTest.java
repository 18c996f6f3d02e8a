package io.lms.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class CorrelationIdFilterTest {

    private final CorrelationIdFilter filter = new CorrelationIdFilter();

    @Test
    void keepsASaneIdTheClientSent() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/courses");
        request.addHeader(CorrelationIdFilter.HEADER, "trace-42.a:b");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, new MockFilterChain());

        assertThat(response.getHeader(CorrelationIdFilter.HEADER)).isEqualTo("trace-42.a:b");
        assertThat(CorrelationIdFilter.current(request)).isEqualTo("trace-42.a:b");
    }

    @Test
    void replacesAnIdThatIsNotASaneToken() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/courses");
        request.addHeader(CorrelationIdFilter.HEADER, "<script>");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, new MockFilterChain());

        String id = response.getHeader(CorrelationIdFilter.HEADER);
        assertThat(id).isNotEqualTo("<script>");
        assertThat(UUID.fromString(id).version()).isEqualTo(4);
    }

    @Test
    void newIdsAreVersion4UuidsAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = CorrelationIdFilter.newId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(seen.add(id)).as("repeated id %s", id).isTrue();
        }
    }
}
