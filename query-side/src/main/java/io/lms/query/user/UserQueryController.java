package io.lms.query.user;

import io.lms.api.common.Role;
import io.lms.api.user.UserPublicView;
import io.lms.api.user.UserView;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import io.lms.platform.web.PageResponse;
import io.lms.platform.web.Paging;
import io.lms.query.support.ReadYourWrites;
import io.lms.query.support.ReadYourWrites.Target;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users")
class UserQueryController {

    private final UserReadModel users;
    private final ReadYourWrites readYourWrites;

    UserQueryController(UserReadModel users, ReadYourWrites readYourWrites) {
        this.users = users;
        this.readYourWrites = readYourWrites;
    }

    @Access("any signed-in user, for themself")
    @GetMapping("/me")
    ResponseEntity<UserView> me(@RequestParam(name = "min_version", required = false) Long minVersion, Caller caller) {
        caller.requireAuthenticated();
        Document d = readYourWrites.load(
                () -> users.find(caller.userId()), minVersion, Target.aggregate("user", caller.userId(), caller));
        return ReadYourWrites.withEtag(d, UserReadModel.view(d));
    }

    /** The user themself and admins see the whole document; other signed-in users see username, role and profile. */
    @Access("any signed-in user: self and admin see the whole user, others username, role and profile")
    @GetMapping("/{id}")
    @ApiResponse(
            responseCode = "200",
            description = "the user, whole or public part",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(oneOf = {UserView.class, UserPublicView.class})))
    ResponseEntity<?> user(
            @PathVariable @ObjectIdValue String id,
            @RequestParam(name = "min_version", required = false) Long minVersion,
            Caller caller) {
        caller.requireAuthenticated();
        Document d = readYourWrites.load(() -> users.find(id), minVersion, Target.aggregate("user", id, caller));
        return caller.is(id) || caller.isAdmin()
                ? ReadYourWrites.withEtag(d, UserReadModel.view(d))
                : ReadYourWrites.withEtag(d, UserReadModel.publicView(d));
    }

    @Access("admin")
    @GetMapping
    ResponseEntity<PageResponse<UserView>> list(
            @RequestParam(required = false) Role role,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Paging.MAX_SIZE) int size,
            Caller caller) {
        caller.requireRole(Role.ADMIN);
        return Paging.ok(users.list(role, page, size));
    }
}
