package io.lms.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.lms.embedded.index.IndexedH2Database;
import io.lms.embedded.index.RenameGate;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with secondary indexes, whose write commands are answered only once they are durable as the
 * {@link Durability} asks: the command runs as in the library, then waits for the {@link GroupCommitter}.
 */
final class DurableH2Backend extends H2Backend {

    private final Durability durability;
    private final GroupCommitter committer;
    private final RenameGate renames = new RenameGate();

    /**
     * Held shared by each write command while the library applies it, and exclusively by each commit. A write
     * changes several of the store's maps one after the other (the documents, then each index); a commit between
     * two of those puts wrote a document without its {@code _id} index entry, and a kill before the next commit left
     * the file that way: after the restart an update of the document did not find it, and its upsert failed on the
     * existing key, every time.
     */
    private final ReentrantReadWriteLock applying = new ReentrantReadWriteLock();

    private DurableH2Backend(MVStore store, Durability durability) {
        super(store);
        this.durability = durability;
        this.committer = new GroupCommitter("embedded-mongo-committer", () -> commitWholeCommands(store), store::sync);
    }

    /** Commits what the write commands applied so far, none of them half. */
    private void commitWholeCommands(MVStore store) {
        applying.writeLock().lock();
        try {
            store.commit();
        } finally {
            applying.writeLock().unlock();
        }
    }

    /**
     * Opens (or creates) the data file; auto-commit is off unless the durability is {@code NONE}. The page cache is
     * a quarter of the heap rather than MVStore's 16 MB: an indexed page of a large collection reads its documents
     * by key, one B-tree descent each, and with 16 MB most of those descents read and decode pages from the file
     * again (an indexed foreign-key page ran 25x slower at 1,000,000 documents than at 1,000).
     */
    static DurableH2Backend open(String fileName, Durability durability) {
        MVStore.Builder builder = new MVStore.Builder().fileName(fileName).cacheSize(cacheMegabytes());
        if (durability != Durability.NONE) {
            builder.autoCommitDisabled(); // every change reaches the file through the committer, in order
        }
        return new DurableH2Backend(builder.open(), durability);
    }

    static int cacheMegabytes() {
        return (int) Math.max(16, Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024));
    }

    /** Every command of a current driver arrives here (OP_MSG); the older OP_QUERY path is not made durable. */
    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        String command = query.keySet().iterator().next();
        boolean changesData = WriteCommands.changesData(command, query);
        // the gate is left before waiting for the commit: a rename waits for commands, not for the disk
        Document response = renames.handle(message, changesData ? this::applyWhole : super::handleMessage);
        boolean fsync = durability == Durability.FSYNC || WriteCommands.asksForJournal(query);
        if ((durability != Durability.NONE || fsync) && changesData) {
            try {
                committer.awaitDurable(fsync);
            } catch (IllegalStateException e) {
                throw new MongoServerException(e.getMessage(), e);
            }
        }
        return response;
    }

    /** Applies a write command with no commit in the middle of it ({@link #applying}). */
    private Document applyWhole(MongoMessage message) {
        applying.readLock().lock();
        try {
            return super.handleMessage(message);
        } finally {
            applying.readLock().unlock();
        }
    }

    /** A database whose non-unique indexes are served ({@link IndexedH2Database}). */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /** How many group commits ran so far. */
    long commits() {
        return committer.commits();
    }

    @Override
    public void close() {
        committer.close();
        super.close();
    }
}
