package io.dirsync.sync;

import java.util.Objects;

/**
 * Where a run pushes, and with which settings it reads: what a saved {@link AppliedState} must match to be diffed
 * against. A state for another server or organization is ignored (as if there were none); a state written with
 * other settings makes the run full.
 *
 * @param apiUrl              the Bitwarden API base URL the run pushes to
 * @param organizationId      the organization's id (the uuid of {@code bitwarden.client-id})
 * @param settingsFingerprint {@link SettingsFingerprint#of} the run's settings; null if not tracked
 */
public record SyncTarget(String apiUrl, String organizationId, String settingsFingerprint) {

    public SyncTarget {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(organizationId, "organizationId");
    }
}
