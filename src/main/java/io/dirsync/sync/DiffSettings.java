package io.dirsync.sync;

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
 */
public record DiffSettings(boolean removeDisabled, boolean overwriteExisting, boolean syncUsers, boolean syncGroups,
        Duration fullEvery, boolean forceFull) {

    public DiffSettings {
        Objects.requireNonNull(fullEvery, "fullEvery");
        if (fullEvery.isNegative()) {
            throw new IllegalArgumentException("negative fullEvery: " + fullEvery);
        }
    }

    public static DiffSettings of(SyncSettings sync, boolean forceFull) {
        return new DiffSettings(sync.removeDisabled(), sync.overwriteExisting(), sync.users(), sync.groups(),
                sync.fullEvery(), forceFull);
    }

    public DiffSettings withForceFull(boolean full) {
        return new DiffSettings(removeDisabled, overwriteExisting, syncUsers, syncGroups, fullEvery, full);
    }
}
