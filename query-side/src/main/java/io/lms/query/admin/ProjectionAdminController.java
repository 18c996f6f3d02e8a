package io.lms.query.admin;

import io.lms.api.common.Role;
import io.lms.platform.error.DomainException;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The projections of the query side, for admins: position, lag behind the event store's head, status. */
@RestController
@RequestMapping("/api/admin/projections")
class ProjectionAdminController {

    private final ProjectionMonitor monitor;

    ProjectionAdminController(ProjectionMonitor monitor) {
        this.monitor = monitor;
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
}
