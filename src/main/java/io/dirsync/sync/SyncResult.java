package io.dirsync.sync;

/**
 * What a sync that went through ends with: its one summary line, and the guard's line when it held removals
 * back (the run then exits with code 3 although everything it sent was applied).
 *
 * @param held the guard's line, or null when nothing was held
 */
public record SyncResult(String summary, String held) {

    public static SyncResult of(ChangeSet changes) {
        return new SyncResult(changes.summary(), changes.held().reason());
    }

    public boolean isHeld() {
        return held != null;
    }

    @Override
    public String toString() {
        return summary;
    }
}
