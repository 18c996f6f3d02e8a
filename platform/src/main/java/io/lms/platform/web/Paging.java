package io.lms.platform.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

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
        String uri = ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("page", page)
                .replaceQueryParam("size", size)
                .build()
                .toUriString();
        return "<" + uri + ">; rel=\"" + rel + "\"";
    }
}
