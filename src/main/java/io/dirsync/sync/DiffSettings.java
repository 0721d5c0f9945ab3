package io.dirsync.sync;

import io.dirsync.config.SyncSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * What the {@link Differ} needs to know about a run.
 *
 * @param removeDisabled    {@code sync.remove-disabled}: a disabled user is not a desired member
 * @param overwriteExisting {@code sync.overwrite-existing}: any change sends the complete snapshot in one request
 * @param syncUsers         {@code sync.users}: members are provisioned (else they are left as they are)
 * @param syncGroups        {@code sync.groups}: groups are provisioned (else they are left as they are)
 * @param fullEvery         {@code sync.full-every}: a run this long after the last full one is full; zero = never
 * @param forceFull         {@code sync --full}
 * @param holdRemovals      the {@link DeletionGuard} holds this run's removals: members and memberships the
 *                          directory no longer has are kept, as if they were still there; additions go ahead
 * @param vaultwarden       {@code bitwarden.server=vaultwarden}: a full run never re-sends applied members, since
 *                          Vaultwarden restores a revoked member it receives again
 */
public record DiffSettings(boolean removeDisabled, boolean overwriteExisting, boolean syncUsers, boolean syncGroups,
        Duration fullEvery, boolean forceFull, boolean holdRemovals, boolean vaultwarden) {

    public DiffSettings {
        Objects.requireNonNull(fullEvery, "fullEvery");
        if (fullEvery.isNegative()) {
            throw new IllegalArgumentException("negative fullEvery: " + fullEvery);
        }
    }

    /** For an official Bitwarden server, removals not held. */
    public DiffSettings(boolean removeDisabled, boolean overwriteExisting, boolean syncUsers, boolean syncGroups,
            Duration fullEvery, boolean forceFull) {
        this(removeDisabled, overwriteExisting, syncUsers, syncGroups, fullEvery, forceFull, false, false);
    }

    public static DiffSettings of(SyncSettings sync, boolean forceFull, boolean vaultwarden) {
        return new DiffSettings(sync.removeDisabled(), sync.overwriteExisting(), sync.users(), sync.groups(),
                sync.fullEvery(), forceFull, false, vaultwarden);
    }

    public DiffSettings withForceFull(boolean full) {
        return new DiffSettings(removeDisabled, overwriteExisting, syncUsers, syncGroups, fullEvery, full,
                holdRemovals, vaultwarden);
    }

    public DiffSettings holdingRemovals() {
        return new DiffSettings(removeDisabled, overwriteExisting, syncUsers, syncGroups, fullEvery, forceFull, true,
                vaultwarden);
    }

    public DiffSettings forVaultwarden() {
        return new DiffSettings(removeDisabled, overwriteExisting, syncUsers, syncGroups, fullEvery, forceFull,
                holdRemovals, true);
    }
}
