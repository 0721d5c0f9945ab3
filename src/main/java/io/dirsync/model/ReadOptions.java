package io.dirsync.model;

/**
 * What the pipeline asks of a source, the one input of every {@code direct:read-<type>} route besides the settings.
 * A source answers with a complete {@link DirectoryRead}, or throws; it never returns a partial read.
 *
 * @param full           read everything, even where the source could read only what changed ({@code sync --full})
 * @param includeDeleted also list users the directory keeps as deleted (Active Directory's tombstones), as bwdc's
 *                       {@code test} does; a sync finds leavers against its applied state instead, so such a read is
 *                       always full and leaves any cache of the source alone
 * @param settingsFingerprint the run's digest of the settings that select what is read
 *                       ({@code io.dirsync.config.SettingsFingerprint}), taken once as the run starts; a source that
 *                       keeps a cache of what it read follows it only while it is the same; null when no run tracks
 *                       it, and then such a read is full and leaves the cache alone
 */
public record ReadOptions(boolean full, boolean includeDeleted, String settingsFingerprint) {

    /** The exchange property that carries them to the source's route. */
    public static final String PROPERTY = "dirsyncRead";

    /** A sync's read: what changed where the source can tell, no deleted users. */
    public static final ReadOptions SYNC = new ReadOptions(false, false, null);

    /** {@code dirsync test}'s read: everything, deleted users included. */
    public static ReadOptions forTest() {
        return new ReadOptions(true, true, null);
    }
}
