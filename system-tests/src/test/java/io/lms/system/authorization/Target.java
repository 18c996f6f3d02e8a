package io.lms.system.authorization;

import io.lms.system.Http.SignedIn;
import java.util.Map;

/**
 * What one cell of the matrix acts on, made fresh for that cell so that an earlier cell's success (a published
 * course, a used refresh token) cannot change a later cell's answer: the values of the path's variables, the
 * target's owner and enrolled student where it has them, and facts a request body needs.
 */
record Target(Map<String, String> variables, SignedIn owner, SignedIn enrolled, Map<String, String> facts) {

    static Target none() {
        return new Target(Map.of(), null, null, Map.of());
    }

    /** The course's video as the target of {@code /api/content/{id}}. */
    Target contentItem() {
        return new Target(Map.of("id", variables.get("contentId")), owner, enrolled, facts);
    }

    String fact(String name) {
        String value = facts.get(name);
        if (value == null) {
            throw new IllegalStateException("the target has no " + name + ": " + this);
        }
        return value;
    }

    /** {@code path} with its {@code {variables}} filled in. */
    String path(String template) {
        String path = template;
        for (Map.Entry<String, String> v : variables.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", v.getValue());
        }
        if (path.contains("{")) {
            throw new IllegalStateException("no value for a variable of " + template + " in " + variables);
        }
        return path;
    }
}
