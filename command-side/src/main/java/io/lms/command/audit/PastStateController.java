package io.lms.command.audit;

import io.lms.api.common.Role;
import io.lms.api.error.ErrorCode;
import io.lms.command.audit.AggregateReplay.Replayed;
import io.lms.platform.error.DomainException;
import io.lms.platform.json.Json;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.function.Predicate;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An aggregate's state as it was at a moment ({@code at}) or after one of its versions ({@code version}), for
 * auditors and admins. Served by the command side because the aggregate classes and Axon's models of them are
 * here: the state is rebuilt by the aggregate's own event-sourcing handlers, not by a copy of their logic.
 */
@RestController
class PastStateController {

    private final AggregateReplay replay;
    private final StateJson json;

    PastStateController(AggregateReplay replay, StateJson json) {
        this.replay = replay;
        this.json = json;
    }

    @Access("auditor, admin")
    @GetMapping("/api/audit/{aggregate_type}/{id}/state")
    PastState state(
            @PathVariable("aggregate_type") String aggregateType,
            @PathVariable @ObjectIdValue String id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at,
            @RequestParam(required = false) @Min(0) Long version,
            Caller caller) {
        caller.requireRole(Role.AUDITOR, Role.ADMIN);
        AuditedAggregate aggregate = AuditedAggregate.fromApi("aggregate_type", aggregateType);
        if ((at == null) == (version == null)) {
            throw DomainException.invalid("at", "give either at (an ISO-8601 instant) or version, not both");
        }
        Predicate<DomainEventMessage<?>> applied =
                at != null ? e -> !e.getTimestamp().isAfter(at) : e -> e.getSequenceNumber() <= version;
        Replayed<?> past = replay.replay(aggregate.type(), id, applied)
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, absence(aggregate, id, at)));
        if (version != null && past.version() < version) {
            throw new DomainException(
                    ErrorCode.NOT_FOUND,
                    "The " + aggregate.apiName() + " " + id + " has no version " + version + "; its latest is "
                            + past.version());
        }
        return new PastState(aggregate.apiName(), id, past.version(), past.asOf(), json.render(aggregate, past.root()));
    }

    private static String absence(AuditedAggregate aggregate, String id, Instant at) {
        String what = "No " + aggregate.apiName() + " with id " + id;
        return at == null ? what : what + " existed at " + Json.INSTANT_FORMAT.format(at);
    }
}
