package io.lms.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * The engine's default {@link PersistenceExceptionResolver}: MongoDB's duplicate-key write errors are duplicate key
 * violations. The engine asks the resolver only about an append that a duplicate key rejected; when it says yes, a
 * taken aggregate key or event identifier fails the append with a
 * {@link org.axonframework.modelling.command.ConcurrencyException}, otherwise with an
 * {@link org.axonframework.eventsourcing.eventstore.EventStoreException} (as Axon's engines do).
 */
final class MongoDuplicateKeyResolver implements PersistenceExceptionResolver {

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        if (exception instanceof MongoBulkWriteException bulk) {
            return bulk.getWriteErrors().stream()
                    .anyMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
        }
        return exception instanceof MongoWriteException write
                && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
