package io.lms.command.enrollment;

import io.lms.api.common.Actor;
import io.lms.api.common.CommandResult;
import io.lms.api.enrollment.EnrollCommand;
import io.lms.api.enrollment.EnrollmentKey;
import io.lms.api.enrollment.QuizAttemptResult;
import io.lms.api.enrollment.RecordProgressCommand;
import io.lms.api.enrollment.SubmitQuizAttemptCommand;
import io.lms.api.enrollment.UnenrollCommand;
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
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Enrolling, unenrolling, progress and quiz attempts: the student's side of the Enrollment aggregate. */
@RestController
class EnrollmentController {

    private final CommandSender commands;
    private final CommandResponses responses;

    EnrollmentController(CommandSender commands, CommandResponses responses) {
        this.commands = commands;
        this.responses = responses;
    }

    /**
     * 201 with the enrollment's query-side URL for a first enrollment, 200 when an earlier one becomes active again.
     * Of two concurrent first enrollments the event store lets one create the aggregate (sequence number 0 is
     * taken once); the other fails with a concurrency conflict, which here means "already enrolled".
     */
    @Access("student (self)")
    @ApiResponse(responseCode = "201", description = "enrolled; Location names the enrollment on the query side")
    @ApiResponse(responseCode = "200", description = "an earlier enrollment is active again")
    @PostMapping("/api/courses/{id}/enrollments")
    ResponseEntity<CommandResult> enroll(@PathVariable @ObjectIdValue String id, Caller caller) {
        Actor actor = caller.actor();
        String enrollmentId = new EnrollmentKey(actor.userId(), id).enrollmentId();
        CommandResult result;
        try {
            result = commands.send(new EnrollCommand(enrollmentId, id, actor), enrollmentId, actor.userId())
                    .result();
        } catch (ConcurrencyException e) {
            throw new DomainException(
                    ErrorCode.ALREADY_ENROLLED, "You enrolled in this course at the same time in another request");
        }
        return result.version() == 0
                ? responses.created("/api/enrollments/" + enrollmentId, result)
                : responses.ok(result);
    }

    @Access("the student, admin")
    @DeleteMapping("/api/enrollments/{id}")
    ResponseEntity<CommandResult> unenroll(
            @PathVariable @ObjectIdValue String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var command = new UnenrollCommand(id, caller.actor(), Versions.fromIfMatch(ifMatch));
        return responses.ok(commands.send(command, id, caller.userId()).result());
    }

    @Access("the student")
    @PostMapping("/api/enrollments/{id}/progress")
    ResponseEntity<CommandResult> recordProgress(
            @PathVariable @ObjectIdValue String id,
            @Valid @RequestBody EnrollmentRequests.Progress body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var command = new RecordProgressCommand(
                id, caller.actor(), body.contentId(), body.status(), body.progress(), Versions.fromIfMatch(ifMatch));
        return responses.ok(commands.send(command, id, caller.userId()).result());
    }

    /** Answers the attempt's score with the enrollment's version; never the correct answers. */
    @Access("the student")
    @PostMapping("/api/enrollments/{id}/quiz-attempts")
    ResponseEntity<QuizAttemptResult> submitQuizAttempt(
            @PathVariable @ObjectIdValue String id,
            @Valid @RequestBody EnrollmentRequests.QuizAttempt body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            Caller caller) {
        var command = new SubmitQuizAttemptCommand(
                id, caller.actor(), body.contentId(), body.answers(), Versions.fromIfMatch(ifMatch));
        CommandSender.Sent sent = commands.send(command, id, caller.userId());
        QuizScoring.Score score = (QuizScoring.Score) sent.handlerResult();
        return ResponseEntity.ok()
                .header(HttpHeaders.ETAG, Versions.etag(sent.result().version()))
                .body(new QuizAttemptResult(
                        id, sent.result().version(), score.score(), score.correct(), score.total()));
    }
}
