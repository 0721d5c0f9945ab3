package io.dirsync.ldap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dirsync.state.SourceCaches;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an incremental read starts from: the users and groups in scope as of one point of one domain controller's
 * history, kept by {@link DirectoryCacheFile} in {@code directory-cache.json}. Only a read optimisation: the sync
 * diffs every complete read against the applied state, so a cache saved after a read whose push then failed
 * costs nothing (the next read still differs from the applied state, and the changes are sent again).
 *
 * @param formatVersion       {@link #FORMAT_VERSION} of the dirsync that wrote it; any other is not used
 * @param cursor              the domain controller it was read from, and its highestCommittedUSN when the read began
 * @param settingsFingerprint {@link io.dirsync.config.SettingsFingerprint} of the settings it was read with
 * @param fullReadAt          start of the full read the cache descends from (ISO-8601): past sync.full-every, the
 *                            next read is full again
 * @param users               the users in scope, as read
 * @param groups              the groups in scope, member values as {@link DnKey}s (or uids)
 * @param containers          objectGUID → {@link DnKey} of every organizational unit and container of the domain:
 *                            renaming or moving one moves the entries below it without changing them, which only
 *                            a full read can follow
 */
@JsonPropertyOrder({"formatVersion", "cursor", "settingsFingerprint", "fullReadAt", "users", "groups", "containers"})
record DirectoryCache(int formatVersion, Cursor cursor, String settingsFingerprint, String fullReadAt,
        List<DirectoryEntries.User> users, List<DirectoryEntries.Group> groups, Map<String, String> containers) {

    /** Bump whenever the meaning of a field changes: an older cache is then read fully once and replaced. */
    static final int FORMAT_VERSION = 1;

    /**
     * Where a read stands in one domain controller's history. USNs are the domain controller's own; Microsoft's way
     * to tell the same one from another or from itself restored from a backup is its NTDS Settings object
     * ({@code dsServiceName} in the root DSE) together with that object's {@code invocationId}, which a restore
     * changes.
     *
     * @param dsServiceName       the root DSE's {@code dsServiceName}
     * @param invocationId        {@code invocationId} of that object (GUID string)
     * @param highestCommittedUsn the root DSE's {@code highestCommittedUSN}
     */
    @JsonPropertyOrder({"dsServiceName", "invocationId", "highestCommittedUsn"})
    record Cursor(String dsServiceName, String invocationId, long highestCommittedUsn) {
        Cursor {
            Objects.requireNonNull(dsServiceName, "dsServiceName");
            Objects.requireNonNull(invocationId, "invocationId");
        }

        boolean sameServerAs(Cursor other) {
            return DnKey.of(dsServiceName).equals(DnKey.of(other.dsServiceName));
        }
    }

    DirectoryCache {
        Objects.requireNonNull(cursor, "cursor");
        Objects.requireNonNull(settingsFingerprint, "settingsFingerprint");
        Objects.requireNonNull(fullReadAt, "fullReadAt");
        users = users == null ? List.of() : List.copyOf(users);
        groups = groups == null ? List.of() : List.copyOf(groups);
        containers = containers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(containers));
    }

    static DirectoryCache of(Cursor cursor, String settingsFingerprint, Instant fullReadAt, DirectoryEntries entries,
            Map<String, String> containers) {
        return new DirectoryCache(FORMAT_VERSION, cursor, settingsFingerprint, fullReadAt.toString(), entries.users(),
                entries.groups().stream().map(DirectoryCache::withMemberKeys).toList(), containers);
    }

    /** {@link #fullReadAt} as an instant; an {@link IllegalStateException} when it is not one. */
    @JsonIgnore
    Instant fullReadInstant() {
        return SourceCaches.fullReadAt(fullReadAt);
    }

    /** The group with its DN member values as {@link DnKey}s, the form the cache compares and resolves them in. */
    static DirectoryEntries.Group withMemberKeys(DirectoryEntries.Group group) {
        List<String> keys = group.members().stream().map(v -> v.indexOf('=') >= 0 ? DnKey.of(v) : v).toList();
        return new DirectoryEntries.Group(group.id(), group.dn(), group.externalId(), group.name(), keys);
    }
}
