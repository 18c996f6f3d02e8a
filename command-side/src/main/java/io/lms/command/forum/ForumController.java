package io.lms.command.forum;

import io.lms.api.common.CommandResult;
import io.lms.api.forum.AddPostCommand;
import io.lms.api.forum.CreateForumCommand;
import io.lms.api.forum.DeletePostCommand;
import io.lms.api.forum.EditForumCommand;
import io.lms.api.forum.EditPostCommand;
import io.lms.command.web.CommandResponses;
import io.lms.command.web.CommandSender;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import io.lms.platform.web.Versions;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.bson.types.ObjectId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Forums and their posts. Ids of new forums and posts are new ObjectIds, chosen here. */
@RestController
class ForumController {

    private final CommandSender commands;
    private final CommandResponses responses;

    ForumController(CommandSender commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    @Access("course owner, admin")
    @ApiResponse(responseCode = "201", description = "created; Location names the new forum on the query side")
    @PostMapping("/api/courses/{id}/forums")
    ResponseEntity<CommandResult> create(
            @PathVariable @ObjectIdValue String id, @Valid @RequestBody ForumRequests.CreateForum body, Caller caller) {
        String forumId = new ObjectId().toHexString();
        var command = new CreateForumCommand(forumId, id, caller.actor(), body.title(), body.description());
        return responses.created(
                "/api/forums/" + forumId,
                commands.send(command, forumId, caller.userId()).result());
    }

    @Access("course owner, admin")
    @PatchMapping("/api/forums/{id}")
    ResponseEntity<CommandResult> edit(
            @PathVariable @ObjectIdValue String id,
            @Valid @RequestBody ForumRequests.EditForum body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var command = new EditForumCommand(
                id, caller.actor(), body.title(), body.description(), Versions.fromIfMatch(ifMatch));
        return responses.ok(commands.send(command, id, caller.userId()).result());
    }

    /** Answers the new post's id and the forum's version; {@code Location} is the post on the query side. */
    @Access("enrolled student, course owner, admin")
    @ApiResponse(responseCode = "201", description = "posted; Location names the new post on the query side")
    @PostMapping("/api/forums/{id}/posts")
    ResponseEntity<CommandResult> post(
            @PathVariable @ObjectIdValue String id,
            @Valid @RequestBody ForumRequests.AddPost body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        String postId = new ObjectId().toHexString();
        var command = new AddPostCommand(
                id, postId, caller.actor(), body.content(), body.parentPostId(), Versions.fromIfMatch(ifMatch));
        CommandResult sent = commands.send(command, id, caller.userId()).result();
        return responses.created("/api/forums/" + id + "/posts/" + postId, new CommandResult(postId, sent.version()));
    }

    @Access("its author")
    @PatchMapping("/api/forums/{id}/posts/{postId}")
    ResponseEntity<CommandResult> editPost(
            @PathVariable @ObjectIdValue String id,
            @PathVariable("postId") @ObjectIdValue String postId,
            @Valid @RequestBody ForumRequests.EditPost body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var command = new EditPostCommand(id, postId, caller.actor(), body.content(), Versions.fromIfMatch(ifMatch));
        CommandResult sent = commands.send(command, id, caller.userId()).result();
        return responses.ok(new CommandResult(postId, sent.version()));
    }

    @Access("its author, course owner, admin")
    @DeleteMapping("/api/forums/{id}/posts/{postId}")
    ResponseEntity<CommandResult> deletePost(
            @PathVariable @ObjectIdValue String id,
            @PathVariable("postId") @ObjectIdValue String postId,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var command = new DeletePostCommand(id, postId, caller.actor(), Versions.fromIfMatch(ifMatch));
        CommandResult sent = commands.send(command, id, caller.userId()).result();
        return responses.ok(new CommandResult(postId, sent.version()));
    }
}
