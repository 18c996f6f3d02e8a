package io.lms.embedded;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Tells which commands change stored data, and whether a command's write concern asks for the journal. */
final class WriteCommands {

    private static final Set<String> WRITES = Set.of(
            "insert",
            "update",
            "delete",
            "findandmodify",
            "createindexes",
            "dropindexes",
            "deleteindexes",
            "drop",
            "dropdatabase",
            "create",
            "renamecollection");

    private WriteCommands() {}

    /** Whether the command may change stored data, so that its answer must wait for a commit. */
    static boolean changesData(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (WRITES.contains(name)) {
            return true;
        }
        return name.equals("aggregate") && writesOut(query.get("pipeline"));
    }

    /** Whether the write concern is {@code j: true} or {@code fsync: true}, MongoDB's ask for the disk. */
    static boolean asksForJournal(Document query) {
        return query.get("writeConcern") instanceof Document concern
                && (Boolean.TRUE.equals(concern.get("j")) || Boolean.TRUE.equals(concern.get("fsync")));
    }

    private static boolean writesOut(Object pipeline) {
        if (pipeline instanceof List<?> stages) {
            for (Object stage : stages) {
                if (stage instanceof Document document
                        && (document.containsKey("$out") || document.containsKey("$merge"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
