package io.lms.command.course;

import io.lms.api.common.CommandResult;
import io.lms.api.course.AddContentCommand;
import io.lms.api.course.ArchiveCourseCommand;
import io.lms.api.course.CreateCourseCommand;
import io.lms.api.course.DeleteContentCommand;
import io.lms.api.course.EditContentCommand;
import io.lms.api.course.EditCourseCommand;
import io.lms.api.course.PublishCourseCommand;
import io.lms.api.course.ReplaceCurriculumCommand;
import io.lms.command.web.CommandResponses;
import io.lms.command.web.CommandSender;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import io.lms.platform.web.Versions;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.bson.types.ObjectId;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Authoring of courses and their content. Ids of new courses and content items are new ObjectIds, chosen here. */
@RestController
@RequestMapping("/api/courses")
class CourseController {

    private static final String CREATED = "created; Location names the new document on the query side";

    private final CommandSender commands;
    private final CommandResponses responses;

    CourseController(CommandSender commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    @Access("instructor, admin")
    @ApiResponse(responseCode = "201", description = CREATED)
    @PostMapping
    ResponseEntity<CommandResult> create(@Valid @RequestBody CourseRequests.CreateCourse body, Caller caller) {
        String courseId = new ObjectId().toHexString();
        var command = new CreateCourseCommand(courseId, caller.actor(), body.toDetails());
        return responses.created(
                "/api/courses/" + courseId,
                commands.send(command, courseId, caller.userId()).result());
    }

    @Access("owner, admin")
    @PatchMapping("/{id}")
    ResponseEntity<CommandResult> edit(
            @PathVariable @ObjectIdValue String id,
            @Valid @RequestBody CourseRequests.EditCourse body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var command = new EditCourseCommand(id, caller.actor(), body.toChanges(), Versions.fromIfMatch(ifMatch));
        return responses.ok(commands.send(command, id, caller.userId()).result());
    }

    @Access("owner, admin")
    @PutMapping("/{id}/topics")
    ResponseEntity<CommandResult> replaceCurriculum(
            @PathVariable @ObjectIdValue String id,
            @RequestBody @NotNull @Size(max = CourseRules.MAX_TOPICS)
                    List<CourseRequests.@NotNull @Valid TopicFields> body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var topics = body.stream().map(CourseRequests.TopicFields::toTopic).toList();
        var command = new ReplaceCurriculumCommand(id, caller.actor(), topics, Versions.fromIfMatch(ifMatch));
        return responses.ok(commands.send(command, id, caller.userId()).result());
    }

    @Access("owner, admin")
    @PostMapping("/{id}/publish")
    ResponseEntity<CommandResult> publish(
            @PathVariable @ObjectIdValue String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var command = new PublishCourseCommand(id, caller.actor(), Versions.fromIfMatch(ifMatch));
        return responses.ok(commands.send(command, id, caller.userId()).result());
    }

    @Access("owner, admin")
    @PostMapping("/{id}/archive")
    ResponseEntity<CommandResult> archive(
            @PathVariable @ObjectIdValue String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var command = new ArchiveCourseCommand(id, caller.actor(), Versions.fromIfMatch(ifMatch));
        return responses.ok(commands.send(command, id, caller.userId()).result());
    }

    /** Answers the new item's id and the course's version; {@code Location} is the item on the query side. */
    @Access("owner, admin")
    @ApiResponse(responseCode = "201", description = CREATED)
    @PostMapping("/{id}/content")
    ResponseEntity<CommandResult> addContent(
            @PathVariable @ObjectIdValue String id,
            @Valid @RequestBody CourseRequests.AddContent body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        String contentId = new ObjectId().toHexString();
        var command = new AddContentCommand(
                id, contentId, caller.actor(), body.type(), body.toFields(), Versions.fromIfMatch(ifMatch));
        CommandResult sent = commands.send(command, id, caller.userId()).result();
        return responses.created("/api/content/" + contentId, new CommandResult(contentId, sent.version()));
    }

    @Access("owner, admin")
    @PatchMapping("/{id}/content/{contentId}")
    ResponseEntity<CommandResult> editContent(
            @PathVariable @ObjectIdValue String id,
            @PathVariable("contentId") @ObjectIdValue String contentId,
            @Valid @RequestBody CourseRequests.EditContent body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var command = new EditContentCommand(
                id, contentId, caller.actor(), body.type(), body.toChanges(), Versions.fromIfMatch(ifMatch));
        CommandResult sent = commands.send(command, id, caller.userId()).result();
        return responses.ok(new CommandResult(contentId, sent.version()));
    }

    @Access("owner, admin")
    @DeleteMapping("/{id}/content/{contentId}")
    ResponseEntity<CommandResult> deleteContent(
            @PathVariable @ObjectIdValue String id,
            @PathVariable("contentId") @ObjectIdValue String contentId,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var command = new DeleteContentCommand(id, contentId, caller.actor(), Versions.fromIfMatch(ifMatch));
        return responses.ok(commands.send(command, id, caller.userId()).result());
    }
}
