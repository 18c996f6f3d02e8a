package io.lms.platform.axon;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/**
 * The name this process's Axon node goes by: the owner of the token claims it holds in {@code tracking_tokens}.
 * Two nodes must never share it, or each would take the other's claims for its own; Axon's default (the JVM's
 * {@code pid@host}) is the same for two services started in one JVM, so the default here adds a random part, fresh
 * on every start. {@code lms.axon.node-id} names it instead.
 */
public record NodeId(String value) {

    public static NodeId of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new NodeId(configured.strip());
        }
        String random = UUID.randomUUID().toString().substring(0, 8);
        return new NodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + random);
    }

    @Override
    public String toString() {
        return value;
    }
}
