package io.lms.query.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lms.api.common.Role;
import io.lms.platform.error.DomainException;
import io.lms.platform.openapi.Access;
import io.lms.platform.security.Caller;
import io.lms.platform.web.ObjectIdValue;
import io.lms.query.audit.AuditTrail.AuditPage;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The audit trail: the global event stream, one aggregate's history, and the NDJSON export; auditors and admins. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    static final String NDJSON = "application/x-ndjson";
    static final int MAX_LIMIT = 1_000;
    /** The export's response buffer, the bytes per write to the client (the container's default: 8 KiB). */
    static final int EXPORT_BUFFER = 64 * 1024;

    private final AuditTrail trail;
    private final EventTypes eventTypes;
    private final ObjectMapper mapper;
    private final ObjectWriter lineWriter;

    AuditController(AuditTrail trail, EventTypes eventTypes, ObjectMapper mapper) {
        this.trail = trail;
        this.eventTypes = eventTypes;
        this.mapper = mapper;
        // the response's buffers decide when bytes go out, not each event
        this.lineWriter = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    }

    @Access("auditor, admin")
    @GetMapping("/events")
    ResponseEntity<AuditPage> events(
            @RequestParam(name = "aggregate_type", required = false) String aggregateType,
            @RequestParam(name = "aggregate_id", required = false) @ObjectIdValue String aggregateId,
            @RequestParam(required = false) String type,
            @RequestParam(name = "user_id", required = false) @ObjectIdValue String userId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(MAX_LIMIT) int limit,
            Caller caller) {
        requireAuditor(caller);
        AuditFilter filter = filter(aggregateType, aggregateId, type, userId, from, to);
        return withNextLink(trail.page(filter, after, limit));
    }

    @Access("auditor, admin")
    @GetMapping("/{aggregate_type}/{id}/events")
    ResponseEntity<AuditPage> history(
            @PathVariable("aggregate_type") String aggregateType,
            @PathVariable @ObjectIdValue String id,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(MAX_LIMIT) int limit,
            Caller caller) {
        requireAuditor(caller);
        AuditedAggregateType type = AuditedAggregateType.fromApi("aggregate_type", aggregateType);
        AuditPage page = trail.page(AuditFilter.forAggregate(type, id), after, limit);
        if (after == 0 && page.items().isEmpty()) {
            throw DomainException.notFound(type.apiName(), id);
        }
        return withNextLink(page);
    }

    /**
     * Every matching event, one JSON object a line, written straight from the database cursor to the response: one
     * batch of events is in memory at a time, and the request is not asynchronous, so no request timeout cuts it.
     */
    @Access("auditor, admin")
    @ApiResponse(
            responseCode = "200",
            description = "every matching event, one JSON object (an AuditEvent) a line",
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = AuditEvent.class)))
    @GetMapping(value = "/events/export", produces = NDJSON)
    void export(
            @RequestParam(name = "aggregate_type", required = false) String aggregateType,
            @RequestParam(name = "aggregate_id", required = false) @ObjectIdValue String aggregateId,
            @RequestParam(required = false) String type,
            @RequestParam(name = "user_id", required = false) @ObjectIdValue String userId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") @Min(0) long after,
            Caller caller,
            HttpServletResponse response)
            throws IOException {
        requireAuditor(caller);
        AuditFilter filter = filter(aggregateType, aggregateId, type, userId, from, to);
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        response.setBufferSize(EXPORT_BUFFER);
        OutputStream out = response.getOutputStream();
        try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
            generator.setRootValueSeparator(null);
            trail.forEach(filter, after, event -> writeLine(generator, event));
        }
    }

    private void writeLine(JsonGenerator generator, AuditEvent event) {
        try {
            lineWriter.writeValue(generator, event);
            generator.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AuditFilter filter(
            String aggregateType, String aggregateId, String type, String userId, Instant from, Instant to) {
        return new AuditFilter(
                aggregateType == null ? null : AuditedAggregateType.fromApi("aggregate_type", aggregateType),
                aggregateId,
                type == null ? null : eventTypes.storedName("type", type),
                userId,
                from,
                to);
    }

    private static void requireAuditor(Caller caller) {
        caller.requireRole(Role.AUDITOR, Role.ADMIN);
    }

    private static ResponseEntity<AuditPage> withNextLink(AuditPage page) {
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (page.nextAfter() != null) {
            String next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("after", page.nextAfter())
                    .toUriString();
            ok.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return ok.body(page);
    }
}
