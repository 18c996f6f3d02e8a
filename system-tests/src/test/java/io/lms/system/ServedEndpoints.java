package io.lms.system;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.springframework.context.ApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The endpoints a running service serves, as Spring MVC's handler mappings know them: every method and path
 * pattern of the project's own controllers (not springdoc's or Spring's error controller). Suites compare these
 * with what they document or test, so that a new endpoint cannot be forgotten.
 */
public final class ServedEndpoints {

    /** One endpoint, e.g. {@code GET /api/courses/{id}}, and the controller method behind it. */
    public record Endpoint(String method, String path, HandlerMethod handler) implements Comparable<Endpoint> {

        public String key() {
            return method + " " + path;
        }

        @Override
        public int compareTo(Endpoint other) {
            return key().compareTo(other.key());
        }

        @Override
        public String toString() {
            return key();
        }
    }

    private ServedEndpoints() {}

    public static Set<Endpoint> of(ApplicationContext service) {
        RequestMappingHandlerMapping mapping =
                service.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Set<Endpoint> endpoints = new TreeSet<>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            if (ownController().test(handler)) {
                for (String path : paths(info)) {
                    info.getMethodsCondition()
                            .getMethods()
                            .forEach(method -> endpoints.add(new Endpoint(method.name(), path, handler)));
                }
            }
        });
        if (endpoints.isEmpty()) {
            throw new IllegalStateException("no endpoints found: the handler mapping is not the one the service uses");
        }
        return endpoints;
    }

    public static Set<String> keys(ApplicationContext service) {
        Set<String> keys = new TreeSet<>();
        of(service).forEach(e -> keys.add(e.key()));
        return keys;
    }

    private static Set<String> paths(RequestMappingInfo info) {
        return info.getPathPatternsCondition() != null
                ? info.getPathPatternsCondition().getPatternValues()
                : info.getPatternValues();
    }

    private static Predicate<HandlerMethod> ownController() {
        return handler -> handler.getBeanType().getName().startsWith("io.lms.");
    }
}
