package io.dirsync.config;

import io.dirsync.config.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code sync.*} settings of a run, beyond the source-specific ones.
 *
 * @param users                        {@code sync.users} (true): read and provision users
 * @param groups                       {@code sync.groups} (true): read and provision groups
 * @param removeDisabled               {@code sync.remove-disabled} (false): a disabled user is removed, not kept
 * @param overwriteExisting            {@code sync.overwrite-existing} (false): send the complete snapshot in one
 *                                     request with {@code overwriteExisting:true}
 * @param largeImport                  {@code sync.large-import} (false): accepted for bwdc parity, no effect —
 *                                     batching above 2000 entries is automatic
 * @param inviteUsersAfterProvisioning {@code sync.invite-users-after-provisioning} (false): sent as is on every
 *                                     import request
 * @param fullEvery                    {@code sync.full-every} (24h; 0 = never): how often a run re-sends everything
 */
public record SyncSettings(boolean users, boolean groups, boolean removeDisabled, boolean overwriteExisting,
        boolean largeImport, boolean inviteUsersAfterProvisioning, Duration fullEvery) {

    public static final Duration DEFAULT_FULL_EVERY = Duration.ofHours(24);

    public SyncSettings {
        Objects.requireNonNull(fullEvery, "fullEvery");
    }

    /** Which kinds of object to sync; every other setting at its default. */
    public SyncSettings(boolean users, boolean groups) {
        this(users, groups, false, false, false, false, DEFAULT_FULL_EVERY);
    }

    public static SyncSettings from(Settings settings) {
        return new SyncSettings(
                settings.bool("sync.users", true),
                settings.bool("sync.groups", true),
                settings.bool("sync.remove-disabled", false),
                settings.bool("sync.overwrite-existing", false),
                settings.bool("sync.large-import", false),
                settings.bool("sync.invite-users-after-provisioning", false),
                settings.duration("sync.full-every", DEFAULT_FULL_EVERY));
    }

    /** The keys of the {@code sync.*} settings every source shares. */
    public static final class Keys implements SettingsKeys {
        @Override
        public List<Key> keys() {
            return List.of(
                    Key.of("sync.users").selecting().bool(),
                    Key.of("sync.groups").selecting().bool(),
                    Key.of("sync.remove-disabled").selecting().bool(),
                    Key.of("sync.overwrite-existing").selecting().bool(),
                    Key.of("sync.large-import").bool(),
                    Key.of("sync.invite-users-after-provisioning").bool(),
                    Key.of("sync.full-every").duration());
        }
    }
}
