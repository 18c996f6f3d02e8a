package io.lms.query.admin;

import io.lms.api.common.Role;
import io.lms.platform.error.DomainException;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The projections of the query side, for admins: position, lag behind the event store's head, status; and their
 * rebuild from the first event into new collections, followed at the projection's own URL.
 */
@RestController
@RequestMapping("/api/admin/projections")
class ProjectionAdminController {

    private final ProjectionMonitor monitor;
    private final ProjectionReplays replays;

    ProjectionAdminController(ProjectionMonitor monitor, ProjectionReplays replays) {
        this.monitor = monitor;
        this.replays = replays;
    }

    @Access("admin")
    @GetMapping
    List<ProjectionState> projections(Caller caller) {
        caller.requireRole(Role.ADMIN);
        return monitor.all();
    }

    @Access("admin")
    @GetMapping("/{name}")
    ProjectionState projection(@PathVariable String name, Caller caller) {
        caller.requireRole(Role.ADMIN);
        return monitor.named(name).orElseThrow(() -> DomainException.notFound("projection", name));
    }

    /**
     * 202 with the projection's state ({@code replaying}) and its URL in {@code Location}, where the progress and
     * the outcome show; 404 for an unknown projection, 409 while a replay of it runs.
     */
    @Access("admin")
    @PostMapping("/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED) // what the API document says; the answer sets it too
    ResponseEntity<ProjectionState> replay(@PathVariable String name, Caller caller) {
        caller.requireRole(Role.ADMIN);
        replays.start(name);
        return ResponseEntity.accepted()
                .location(URI.create("/api/admin/projections/" + name))
                .body(projection(name, caller));
    }
}
