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
        List<String> links = new ArrayList<>();
        if ((long) (page.page() + 1) * page.size() < page.total()) {
            links.add(link(page.page() + 1, page.size(), "next"));
        }
        if (page.page() > 0) {
            long lastPage = Math.max(0, (page.total() - 1) / page.size());
            links.add(link((int) Math.min(page.page() - 1, lastPage), page.size(), "prev"));
        }
        HttpHeaders headers = new HttpHeaders();
        if (!links.isEmpty()) {
            headers.add(HttpHeaders.LINK, String.join(", ", links));
        }
        return ResponseEntity.ok().headers(headers).body(page);
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
