package io.lms.embedded.index;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * Makes {@code renameCollection} with {@code dropTarget} atomic for every other command, as it is on MongoDB. The
 * library drops the target, then moves the source under its name: a read between the two found no collection and
 * answered nothing (a projection swapped in by a replay would have looked empty for that moment). A rename runs
 * alone; every other command runs under the shared side of the gate, so that it sees the old collection or the new
 * one, never none.
 */
public final class RenameGate {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    public Document handle(MongoMessage message, Function<MongoMessage, Document> command) {
        var held = isRename(message.getDocument()) ? lock.writeLock() : lock.readLock();
        held.lock();
        try {
            return command.apply(message);
        } finally {
            held.unlock();
        }
    }

    private static boolean isRename(Document query) {
        return !query.isEmpty()
                && "renameCollection".equals(query.keySet().iterator().next());
    }
}
