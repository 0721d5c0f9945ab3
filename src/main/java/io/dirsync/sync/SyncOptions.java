package io.dirsync.sync;

/**
 * What the caller of {@code direct:sync} asks for, in the exchange property {@link #PROPERTY}; a caller that sets
 * none (a host application sending to the route) gets {@link #DEFAULT}.
 *
 * @param full           {@code sync --full}: re-send every member and group
 * @param dryRun         {@code sync --dry-run}: the route's result is the plan; nothing is sent or saved
 * @param allowDeletions {@code sync --allow-deletions}: let through the removals a guard would hold or refuse
 */
public record SyncOptions(boolean full, boolean dryRun, boolean allowDeletions) {

    public static final String PROPERTY = "dirsyncOptions";

    public static final SyncOptions DEFAULT = new SyncOptions(false, false, false);
}
