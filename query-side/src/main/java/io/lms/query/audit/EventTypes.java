package io.lms.query.audit;

import io.lms.platform.error.DomainException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.stereotype.Component;

/**
 * The event types of {@code shared-api}, by simple and by stored name, so that the audit trail's {@code type} filter
 * takes either {@code CoursePublishedEvent} or {@code io.lms.api.course.CoursePublishedEvent}.
 *
 * <p>The stored type of an event is the fully qualified name of its class (see the README's event catalogue), so the
 * catalogue is read from the classes themselves once at start-up.
 */
@Component
class EventTypes {

    static final String EVENT_PACKAGE = "io.lms.api";

    private final Map<String, String> storedBySimpleName = new TreeMap<>();

    EventTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*Event")));
        for (BeanDefinition candidate : scanner.findCandidateComponents(EVENT_PACKAGE)) {
            String stored = candidate.getBeanClassName();
            storedBySimpleName.put(stored.substring(stored.lastIndexOf('.') + 1), stored);
        }
    }

    /** The stored type name that {@code value} names, or a 400 naming the field. */
    String storedName(String field, String value) {
        if (storedBySimpleName.containsValue(value)) {
            return value;
        }
        String stored = storedBySimpleName.get(value);
        if (stored == null) {
            throw DomainException.invalid(field, "is not an event type of the platform");
        }
        return stored;
    }

    /** The simple name the audit trail shows for a stored type name. */
    static String simpleName(String storedName) {
        return storedName.substring(storedName.lastIndexOf('.') + 1);
    }
}
