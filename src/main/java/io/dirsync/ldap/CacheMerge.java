package io.dirsync.ldap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The merge rules of an incremental read, on the cached entries alone (the LDAP side is {@link IncrementalRead}):
 * what changed since the cache was read replaces, adds to or removes from it, and the result is the complete set
 * of users and groups in scope now.
 *
 * <ol>
 * <li>{@link #changed}: every user, group, organizational unit and container whose uSNChanged moved since the cache,
 * live or deleted, anywhere in the domain. An organizational unit or container known under another DN was renamed
 * or moved: the entries below it moved without changing, so only a full read can follow (a reason is returned).</li>
 * <li>{@link #inScope}: the changed users and groups that the configured searches (base and filter, evaluated by the
 * server) return now.</li>
 * <li>{@link #apply}: keyed by objectGUID, a changed entry in scope replaces its cached one (or is added); a changed
 * entry not in scope (deleted, moved out of the search base, no longer matching the filter) is removed.</li>
 * <li>Group members are DNs, and a DN names whichever entry has it now: renamed, moved, added and deleted entries
 * change what an unchanged group's cached values stand for, and the server does not mark the group changed (the
 * link is by object; only its rendering as a DN moves). So {@link #apply} names the groups to read again: the cached
 * groups that list a DN that changed hands (an old DN of a renamed entry, the DN of an entry that entered the cache),
 * and — found by a search, since the cache cannot know them — the groups that list the new DN of an entry that
 * entered the cache (a user moved into the search base keeps its groups, which do not change).
 * {@link #refreshed} takes them as read again. Other DNs a group lists resolve the same way as before.</li>
 * </ol>
 * Members are not resolved here: the result goes through {@link DirectoryEntries#resolve} on every read, so a user who
 * enters the scope is found in unchanged groups that already listed its DN.
 */
final class CacheMerge {

    enum Kind { USER, GROUP, CONTAINER }

    /**
     * What to read again after {@link #apply}.
     *
     * @param memberDns DNs of entries that entered the cache: groups in scope that list any of them
     * @param groupIds  cached groups (objectGUIDs) that list a DN which changed hands
     */
    record Refresh(Set<String> memberDns, Set<String> groupIds) {
        boolean isEmpty() {
            return memberDns.isEmpty() && groupIds.isEmpty();
        }
    }

    private final Map<String, DirectoryEntries.User> users = new LinkedHashMap<>();
    private final Map<String, DirectoryEntries.Group> groups = new LinkedHashMap<>();
    private final Map<String, String> containers;
    private final Set<String> changedUsers = new LinkedHashSet<>();
    private final Set<String> changedGroups = new LinkedHashSet<>();
    private final Map<String, DirectoryEntries.User> usersInScope = new LinkedHashMap<>();
    private final Map<String, DirectoryEntries.Group> groupsInScope = new LinkedHashMap<>();
    private int updated;
    private int removed;

    CacheMerge(DirectoryCache cache) {
        cache.users().forEach(user -> users.put(user.id(), user));
        cache.groups().forEach(group -> groups.put(group.id(), group));
        containers = new TreeMap<>(cache.containers());
    }

    /**
     * One entry changed since the cache (from the domain-wide search, tombstones included).
     *
     * @param dn its {@link DnKey} now (a tombstone's is in CN=Deleted Objects)
     * @return why the read must be full instead, if this change cannot be followed incrementally
     */
    Optional<String> changed(Kind kind, String id, String dn, boolean deleted) {
        switch (kind) {
            case USER -> changedUsers.add(id);
            case GROUP -> changedGroups.add(id);
            case CONTAINER -> {
                if (deleted) {
                    containers.remove(id);
                    return Optional.empty();
                }
                String known = containers.put(id, dn);
                if (known != null && !known.equals(dn)) {
                    return Optional.of("the organizational unit or container " + known + " was renamed or moved to "
                            + dn + ", which moves the entries below it without changing them");
                }
            }
        }
        return Optional.empty();
    }

    /** A changed user that the user search returns now. */
    void inScope(DirectoryEntries.User user) {
        usersInScope.put(user.id(), user);
    }

    /** A changed group that the group search returns now, with every member value. */
    void inScope(DirectoryEntries.Group group) {
        groupsInScope.put(group.id(), DirectoryCache.withMemberKeys(group));
    }

    /** Applies the changes to the cached entries; returns the groups whose member values must be read again. */
    Refresh apply() {
        Set<String> dnsChangingHands = new HashSet<>();
        Set<String> entered = new LinkedHashSet<>();
        Set<String> userIds = new LinkedHashSet<>(changedUsers);
        userIds.addAll(usersInScope.keySet());
        for (String id : userIds) {
            DirectoryEntries.User now = usersInScope.get(id);
            DirectoryEntries.User before = now == null ? users.remove(id) : users.put(id, now);
            track(before == null ? null : before.dn(), now == null ? null : now.dn(), dnsChangingHands, entered);
        }
        Set<String> groupIds = new LinkedHashSet<>(changedGroups);
        groupIds.addAll(groupsInScope.keySet());
        for (String id : groupIds) {
            DirectoryEntries.Group now = groupsInScope.get(id);
            DirectoryEntries.Group before = now == null ? groups.remove(id) : groups.put(id, now);
            track(before == null ? null : before.dn(), now == null ? null : now.dn(), dnsChangingHands, entered);
        }
        Set<String> stale = new LinkedHashSet<>();
        if (!dnsChangingHands.isEmpty()) {
            for (DirectoryEntries.Group group : groups.values()) {
                if (!groupsInScope.containsKey(group.id()) && group.members().stream().anyMatch(dnsChangingHands::contains)) {
                    stale.add(group.id());
                }
            }
        }
        return new Refresh(Collections.unmodifiableSet(entered), Collections.unmodifiableSet(stale));
    }

    private void track(String before, String now, Set<String> dnsChangingHands, Set<String> entered) {
        if (now == null) {
            if (before != null) {
                removed++; // its DN now names nothing cached: values listing it resolve to nothing, as in a full read
            }
            return;
        }
        updated++;
        if (before == null) {
            entered.add(now);
            dnsChangingHands.add(now);
        } else if (!before.equals(now)) {
            dnsChangingHands.add(before);
            dnsChangingHands.add(now);
        }
    }

    /** A group read again after {@link #apply} (it is in scope: the search that found it applied the group filter). */
    void refreshed(DirectoryEntries.Group group) {
        groups.put(group.id(), DirectoryCache.withMemberKeys(group));
    }

    /** The users and groups in scope now: cached order, new entries at the end. */
    DirectoryEntries entries() {
        return new DirectoryEntries(new ArrayList<>(users.values()), new ArrayList<>(groups.values()));
    }

    Map<String, String> containers() {
        return containers;
    }

    /** Changed entries in scope (added or replaced) after {@link #apply}. */
    int updated() {
        return updated;
    }

    /** Cached entries removed (deleted, or out of scope) after {@link #apply}. */
    int removed() {
        return removed;
    }

    /** Changed users the domain-wide search reported, in scope or not. */
    int changedUserCount() {
        return changedUsers.size();
    }

    /** Changed groups the domain-wide search reported, in scope or not. */
    int changedGroupCount() {
        return changedGroups.size();
    }
}
