package io.lms.command.audit;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.lms.command.course.Course;
import io.lms.command.enrollment.Enrollment;
import io.lms.command.forum.Forum;
import io.lms.command.forum.ForumStateJson;
import io.lms.command.user.User;
import io.lms.platform.error.DomainException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The aggregates whose past state an auditor can read, as the API names them ({@code course}, ...), with their
 * classes, and how parts of their state that are packed for snapshots render readably.
 */
enum AuditedAggregate {
    COURSE(Course.class, SimpleModule::new),
    ENROLLMENT(Enrollment.class, SimpleModule::new),
    FORUM(Forum.class, ForumStateJson::module),
    USER(User.class, SimpleModule::new);

    private final Class<?> type;
    private final Supplier<Module> stateModule;

    AuditedAggregate(Class<?> type, Supplier<Module> stateModule) {
        this.type = type;
        this.stateModule = stateModule;
    }

    Class<?> type() {
        return type;
    }

    /** Axon's aggregate type, as the event store records it: the class's simple name. */
    String storedName() {
        return type.getSimpleName();
    }

    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    Module stateModule() {
        return stateModule.get();
    }

    /** The aggregate that {@code value} names, or a 400 naming the field, as the query side's audit trail answers. */
    static AuditedAggregate fromApi(String field, String value) {
        return Arrays.stream(values())
                .filter(type -> type.apiName().equals(value))
                .findFirst()
                .orElseThrow(() -> DomainException.invalid(field, "must be one of " + apiNames()));
    }

    private static String apiNames() {
        return Arrays.stream(values()).map(AuditedAggregate::apiName).collect(Collectors.joining(", "));
    }
}
