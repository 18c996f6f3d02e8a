package io.lms.query.audit;

import io.lms.platform.error.DomainException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The aggregate types of the audit trail as the API names them, and the type name the event store records. */
enum AuditedAggregateType {
    COURSE("Course"),
    ENROLLMENT("Enrollment"),
    FORUM("Forum"),
    USER("User");

    private final String storedName;

    AuditedAggregateType(String storedName) {
        this.storedName = storedName;
    }

    /** Axon's aggregate type: the aggregate class's simple name, as the engine stores it in {@code aggregateType}. */
    String storedName() {
        return storedName;
    }

    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static AuditedAggregateType fromApi(String field, String value) {
        return Arrays.stream(values())
                .filter(type -> type.apiName().equals(value))
                .findFirst()
                .orElseThrow(() -> DomainException.invalid(field, "must be one of " + apiNames()));
    }

    static AuditedAggregateType fromStored(String storedName) {
        return Arrays.stream(values())
                .filter(type -> type.storedName.equals(storedName))
                .findFirst()
                .orElse(null);
    }

    private static String apiNames() {
        return Arrays.stream(values()).map(AuditedAggregateType::apiName).collect(Collectors.joining(", "));
    }
}
