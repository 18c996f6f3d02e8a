package io.lms.embedded;

import java.util.Locale;

/** When the embedded server's H2 backend answers a write command. */
public enum Durability {
    /**
     * The library's own behaviour: the answer goes out at once, and the MVStore writes its changes to the file
     * within its one-second auto-commit delay. A killed process loses up to the last second of writes.
     */
    NONE,
    /**
     * The default: the answer goes out once the write is committed to the data file (written to the operating
     * system, one commit shared by all concurrent writers). A killed process loses nothing it acknowledged; a
     * power loss can lose what the operating system had not yet flushed to the disk.
     */
    COMMIT,
    /** As {@link #COMMIT}, and the file is forced to the disk (fsync) before the answer: survives a power loss. */
    FSYNC;

    /** Parses {@code none}, {@code commit} or {@code fsync} (any case). */
    public static Durability parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("durability must be none, commit or fsync, not '" + text + "'", e);
        }
    }
}
