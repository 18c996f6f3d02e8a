package io.lms.command.axon;

/**
 * What a handled command returns through the gateway: the handler's own result, and the aggregate and version of
 * the last event it applied ({@code null} when it applied none). Axon's event bus runs dispatch interceptors when
 * the unit of work prepares its commit, after the handler has returned, so the aggregate and version are filled
 * in then, into the {@link LastApplied} this outcome holds; read them once the gateway has answered.
 */
public record CommandOutcome(Object result, LastApplied lastApplied) {

    public String aggregateId() {
        return lastApplied == null ? null : lastApplied.aggregateId();
    }

    public Long version() {
        return lastApplied == null ? null : lastApplied.sequenceNumber();
    }

    /** The last event a command's unit of work stored: written when it prepares its commit. */
    public static final class LastApplied {

        private volatile String aggregateId;
        private volatile Long sequenceNumber;

        void record(String aggregateId, long sequenceNumber) {
            this.aggregateId = aggregateId;
            this.sequenceNumber = sequenceNumber;
        }

        String aggregateId() {
            return aggregateId;
        }

        Long sequenceNumber() {
            return sequenceNumber;
        }
    }
}
