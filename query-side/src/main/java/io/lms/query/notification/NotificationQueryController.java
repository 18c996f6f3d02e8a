package io.lms.query.notification;

import io.lms.api.notification.NotificationView;
import io.lms.platform.error.DomainException;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import io.lms.platform.web.PageResponse;
import io.lms.platform.web.Paging;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A user's own notifications, newest first, with their unread count in {@code X-Unread-Count}. */
@RestController
class NotificationQueryController {

    static final String UNREAD_COUNT = "X-Unread-Count";

    private final NotificationReadModel notifications;

    NotificationQueryController(NotificationReadModel notifications) {
        this.notifications = notifications;
    }

    @Access("self")
    @GetMapping("/api/users/{id}/notifications")
    ResponseEntity<PageResponse<NotificationView>> list(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(defaultValue = "false") boolean unread,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size,
            Caller caller) {
        caller.requireAuthenticated();
        if (!caller.is(id)) {
            throw DomainException.forbidden("Only the user themself reads their notifications");
        }
        PageResponse<NotificationView> found = notifications.of(id, unread, page, size);
        return ResponseEntity.ok()
                .headers(Paging.links(page, size, found.total()))
                .header(UNREAD_COUNT, Long.toString(notifications.unreadCount(id)))
                .body(found);
    }
}
