package io.lms.command.axon;

/**
 * What a handled command returns through the gateway: the handler's own result, and the aggregate and
 * version of the last event it applied ({@code null} when it applied none).
 */
public record CommandOutcome(Object result, String aggregateId, Long version) {}
