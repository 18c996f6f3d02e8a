package io.lms.command.enrollment;

import io.lms.api.common.Actor;
import io.lms.api.common.CommandResult;
import io.lms.api.enrollment.DeleteReviewCommand;
import io.lms.api.enrollment.EditReviewCommand;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.WriteReviewCommand;
import io.lms.api.error.ErrorCode;
import io.lms.command.web.CommandResponses;
import io.lms.command.web.CommandSender;
import io.lms.platform.error.DomainException;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import io.lms.platform.web.Versions;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reviews of a course; each belongs to its author's enrollment, so a review's id is the enrollment's id. */
@RestController
@RequestMapping("/api/courses/{id}/reviews")
class ReviewController {

    private final CommandSender commands;
    private final CommandResponses responses;
    private final CourseFactsLookup courses;

    ReviewController(CommandSender commands, CommandResponses responses, CourseFactsLookup courses) {
        this.commands = commands;
        this.responses = responses;
        this.courses = courses;
    }

    /**
     * A caller who never enrolled has no enrollment to review from: 403 not-a-course-student, as for one who
     * unenrolled (404 for no such course).
     */
    @Access("enrolled student")
    @ApiResponse(responseCode = "201", description = "written; Location names the course's reviews on the query side")
    @PostMapping
    ResponseEntity<CommandResult> write(
            @PathVariable @ObjectIdValue String id, @Valid @RequestBody EnrollmentRequests.Review body, Caller caller) {
        Actor actor = caller.actor();
        String enrollmentId = new EnrollmentKey(actor.userId(), id).enrollmentId();
        var command = new WriteReviewCommand(enrollmentId, actor, body.rating(), body.reviewText());
        try {
            CommandResult result =
                    commands.send(command, enrollmentId, actor.userId()).result();
            return responses.created("/api/courses/" + id + "/reviews", result);
        } catch (AggregateNotFoundException e) {
            if (courses.find(id).isEmpty()) {
                throw DomainException.notFound("course", id);
            }
            throw new DomainException(ErrorCode.NOT_A_COURSE_STUDENT, "Only students enrolled in the course review it");
        }
    }

    @Access("its author")
    @PutMapping("/{reviewId}")
    ResponseEntity<CommandResult> edit(
            @PathVariable @ObjectIdValue String id,
            @PathVariable("reviewId") @ObjectIdValue String reviewId,
            @Valid @RequestBody EnrollmentRequests.Review body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var command = new EditReviewCommand(
                reviewId, id, caller.actor(), body.rating(), body.reviewText(), Versions.fromIfMatch(ifMatch));
        return responses.ok(commands.send(command, reviewId, caller.userId()).result());
    }

    @Access("its author, admin")
    @DeleteMapping("/{reviewId}")
    ResponseEntity<CommandResult> delete(
            @PathVariable @ObjectIdValue String id,
            @PathVariable("reviewId") @ObjectIdValue String reviewId,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var command = new DeleteReviewCommand(reviewId, id, caller.actor(), Versions.fromIfMatch(ifMatch));
        return responses.ok(commands.send(command, reviewId, caller.userId()).result());
    }
}
