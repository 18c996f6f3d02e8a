package io.lms.command.user;

import io.lms.api.common.CommandResult;
import io.lms.api.common.Role;
import io.lms.api.error.ErrorCode;
import io.lms.api.user.ChangeUserPasswordCommand;
import io.lms.api.user.ChangeUserProfileCommand;
import io.lms.api.user.ChangeUserRoleCommand;
import io.lms.api.user.Profile;
import io.lms.api.user.RegisterUserCommand;
import io.lms.command.web.CommandResponses;
import io.lms.command.web.CommandSender;
import io.lms.platform.error.DomainException;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import io.lms.platform.web.Versions;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.Optional;
import org.bson.types.ObjectId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/users")
class UserController {

    private final CommandSender commands;
    private final CommandResponses responses;
    private final LoginThrottle throttle;

    UserController(CommandSender commands, CommandResponses responses, LoginThrottle throttle) {
        this.commands = commands;
        this.responses = responses;
        this.throttle = throttle;
    }

    @Access(Access.ANYONE)
    @ApiResponse(responseCode = "201", description = "registered; Location names the user on the query side")
    @PostMapping
    ResponseEntity<CommandResult> register(@Valid @RequestBody UserRequests.Register body) {
        String userId = new ObjectId().toHexString();
        UserRequests.ProfileFields p = body.profile();
        Profile profile = p == null ? Profile.EMPTY : new Profile(p.fullName(), p.bio(), p.avatarUrl());
        Role role = body.role() == null ? Role.STUDENT : body.role();
        var command = new RegisterUserCommand(userId, body.username(), body.email(), body.password(), role, profile);
        CommandResult result = commands.send(command, userId, userId).result();
        return responses.created("/api/users/" + userId, result);
    }

    @Access("self, admin")
    @PatchMapping("/{id}/profile")
    ResponseEntity<CommandResult> changeProfile(
            @PathVariable @ObjectIdValue String id,
            @Valid @RequestBody UserRequests.ProfileFields body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var command = new ChangeUserProfileCommand(
                id, caller.actor(), body.fullName(), body.bio(), body.avatarUrl(), Versions.fromIfMatch(ifMatch));
        return responses.ok(commands.send(command, id, caller.userId()).result());
    }

    /** The current password is a password check like a sign-in, throttled alike (a stolen token must not guess it). */
    @Access(value = "self", alsoAnswers = 429)
    @PutMapping("/{id}/password")
    ResponseEntity<CommandResult> changePassword(
            @PathVariable @ObjectIdValue String id,
            @Valid @RequestBody UserRequests.ChangePassword body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller,
            HttpServletRequest request) {
        var command = new ChangeUserPasswordCommand(
                id, caller.actor(), body.currentPassword(), body.newPassword(), Versions.fromIfMatch(ifMatch));
        LoginThrottle.Attempt attempt =
                throttle.begin(LoginThrottle.account(Optional.of(id), id), request.getRemoteAddr());
        CommandResult result;
        try {
            result = commands.send(command, id, caller.userId()).result();
        } catch (RuntimeException e) {
            boolean wrongPassword =
                    e instanceof DomainException refused && refused.code() == ErrorCode.WRONG_CURRENT_PASSWORD;
            if (!wrongPassword) {
                attempt.withdrawn();
            }
            throw e;
        }
        attempt.succeeded();
        return responses.ok(result);
    }

    @Access("admin")
    @PutMapping("/{id}/role")
    ResponseEntity<CommandResult> changeRole(
            @PathVariable @ObjectIdValue String id,
            @Valid @RequestBody UserRequests.ChangeRole body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var command = new ChangeUserRoleCommand(id, caller.actor(), body.role(), Versions.fromIfMatch(ifMatch));
        return responses.ok(commands.send(command, id, caller.userId()).result());
    }
}
