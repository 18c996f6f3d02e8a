package io.lms.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The page links are the text Spring's URI builder makes of the same request, for every shape of query. */
class PagingTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "NULL",
            value = {
                "http|localhost|8081|/api/courses|NULL",
                "http|localhost|80|/api/courses|category=programming",
                "https|lms.example|443|/api/courses|page=3&size=20",
                "https|lms.example|8443|/api/courses|size=5&category=design&page=1&level=beginner",
                "http|127.0.0.1|8181|/api/courses|q=caf%C3%A9+au+lait&tag=a&tag=b&sort=-rating",
                "http|localhost|8081|/api/users|role=student&&page=2&",
                "http|localhost|8081|/api/courses|pages=4&sizes=9&page&size=",
                "http|[::1]|8081|/api/courses|category=x%26y",
                "http|localhost|8081|/api/courses/507f1f77bcf86cd799439011/content|page=0"
            })
    void matchesSpringsUriBuilder(String scheme, String host, int port, String path, String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setScheme(scheme);
        request.setServerName(host);
        request.setServerPort(port);
        request.setQueryString(query);

        String expected = ServletUriComponentsBuilder.fromRequest(request)
                .replaceQueryParam("page", 7)
                .replaceQueryParam("size", 25)
                .build()
                .toUriString();

        assertThat(Paging.pageUrl(request, 7, 25)).isEqualTo(expected);
    }
}
