package io.lms.eventstore;

import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.bson.BsonDocument;

/**
 * One append on its way through a commit group: its messages and serialized documents, and its outcome. Its mutable
 * fields are guarded by the {@link GroupCommit}'s queue monitor, except {@code offset} and {@code failure} while the
 * group's leader commits (only the leader touches them then; waiters read them after {@code done}).
 */
final class PendingAppend {
    final List<? extends EventMessage<?>> messages;
    final List<BsonDocument> documents;
    /** Position of this append's first document in its group's insert. */
    int offset;

    RuntimeException failure;
    boolean taken;
    boolean done;

    PendingAppend(List<? extends EventMessage<?>> messages, List<BsonDocument> documents) {
        this.messages = messages;
        this.documents = documents;
    }

    boolean failed() {
        return failure != null;
    }

    int size() {
        return documents.size();
    }
}
