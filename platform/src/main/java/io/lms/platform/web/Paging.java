package io.lms.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Answers a page with its {@code Link} header (rel next / prev), built from the current request's URL. */
public final class Paging {

    public static final int MAX_SIZE = 100;

    private Paging() {}

    public static <T> ResponseEntity<PageResponse<T>> ok(PageResponse<T> page) {
        return ResponseEntity.ok()
                .headers(links(page.page(), page.size(), page.total()))
                .body(page);
    }

    /** The {@code Link} header of a page (none when there is neither a next nor a previous page). */
    public static HttpHeaders links(int page, int size, long total) {
        List<String> links = new ArrayList<>();
        if ((long) (page + 1) * size < total) {
            links.add(link(page + 1, size, "next"));
        }
        if (page > 0) {
            long lastPage = Math.max(0, (total - 1) / size);
            links.add(link((int) Math.min(page - 1, lastPage), size, "prev"));
        }
        HttpHeaders headers = new HttpHeaders();
        if (!links.isEmpty()) {
            headers.add(HttpHeaders.LINK, String.join(", ", links));
        }
        return headers;
    }

    private static String link(int page, int size, String rel) {
        return "<" + pageUrl(currentRequest(), page, size) + ">; rel=\"" + rel + "\"";
    }

    private static HttpServletRequest currentRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest();
        }
        throw new IllegalStateException("Paging links need the current HTTP request");
    }

    /**
     * The request's URL with {@code page} and {@code size} replaced: the same text as {@code
     * ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam(..).build().toUriString()} (other
     * parameters keep their order and their encoding as sent, {@code page} and {@code size} go last), without
     * parsing the whole URL into components on every list request.
     */
    static String pageUrl(HttpServletRequest request, int page, int size) {
        StringBuilder url = new StringBuilder(128);
        String scheme = request.getScheme();
        int port = request.getServerPort();
        url.append(scheme).append("://");
        String host = request.getServerName();
        url.append(host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host);
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        if (port > 0 && !defaultPort) {
            url.append(':').append(port);
        }
        url.append(request.getRequestURI()).append('?');
        String query = request.getQueryString();
        if (query != null) {
            int start = 0;
            while (start <= query.length()) {
                int end = query.indexOf('&', start);
                if (end < 0) {
                    end = query.length();
                }
                if (end > start) {
                    int equals = query.indexOf('=', start);
                    String name = query.substring(start, equals >= 0 && equals < end ? equals : end);
                    if (!name.equals("page") && !name.equals("size")) {
                        url.append(query, start, end).append('&');
                    }
                }
                start = end + 1;
            }
        }
        return url.append("page=").append(page).append("&size=").append(size).toString();
    }
}
