package io.dirsync.ldap;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryRead;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.SortedIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The users and groups of one read as the server sent them, before group members are resolved: what a full read
 * collects, what the directory cache keeps, and what an incremental read rebuilds from it. {@link #resolve} turns
 * them into a {@link DirectoryRead}, resolving member values by bwdc's rule, the same way for every kind of read.
 */
final class DirectoryEntries {

    /**
     * A user as read.
     *
     * @param id         Active Directory's objectGUID (bwdc's form) when the read keeps it (incremental reads), else null
     * @param dn         the entry's {@link DnKey}
     * @param externalId the externalId (the objectGUID again, unless another attribute is configured)
     * @param email      as read (prefix + suffix applied), or null
     * @param disabled   {@code userAccountControl & 0x2}
     * @param uid        the {@code uid} attribute when read (it resolves {@code memberUid} values), else null
     */
    @JsonPropertyOrder({"id", "dn", "externalId", "email", "disabled", "uid"})
    record User(String id, String dn, String externalId, String email, boolean disabled, String uid) {
        User {
            Objects.requireNonNull(dn, "dn");
            Objects.requireNonNull(externalId, "externalId");
        }

        DirectoryUser toDirectoryUser() {
            return new DirectoryUser(externalId, email, disabled, false);
        }
    }

    /**
     * A group as read.
     *
     * @param id         objectGUID as for {@link User#id}, or null
     * @param dn         the entry's {@link DnKey}
     * @param externalId the externalId
     * @param name       its name, or null
     * @param members    the member attribute's values, every range of them: DNs (or their {@link DnKey}s) or uids
     */
    @JsonPropertyOrder({"id", "dn", "externalId", "name", "members"})
    record Group(String id, String dn, String externalId, String name, List<String> members) {
        Group {
            Objects.requireNonNull(dn, "dn");
            Objects.requireNonNull(externalId, "externalId");
            members = members == null ? List.of() : List.copyOf(members);
        }
    }

    private final List<User> users;
    private final List<Group> groups;
    /** The users by their DN key (the last of any that share one), made on first use and kept up to date. */
    private Map<String, User> usersByDn;

    DirectoryEntries() {
        this(new ArrayList<>(), new ArrayList<>());
    }

    DirectoryEntries(List<User> users, List<Group> groups) {
        this.users = users;
        this.groups = groups;
    }

    void add(User user) {
        users.add(user);
        if (usersByDn != null) {
            usersByDn.put(user.dn(), user);
        }
    }

    void add(Group group) {
        groups.add(group);
    }

    List<User> users() {
        return users;
    }

    List<Group> groups() {
        return groups;
    }

    /**
     * A member value as a group should hold it: a DN naming a user added so far becomes that user's own {@link User#dn}
     * string, so a million memberships hold no strings of their own; anything else stays as read.
     */
    String memberValue(String value) {
        if (value.indexOf('=') < 0) {
            return value;
        }
        User user = userByDn(value);
        return user != null ? user.dn() : value;
    }

    /** The user a DN names, or null: looked up as it is first, as most member values are already in key form. */
    private User userByDn(String dn) {
        User user = usersByDn().get(dn);
        return user != null ? user : usersByDn.get(DnKey.of(dn));
    }

    private Map<String, User> usersByDn() {
        if (usersByDn == null) {
            usersByDn = new HashMap<>(users.size() * 4 / 3 + 16);
            for (User user : users) {
                usersByDn.put(user.dn(), user);
            }
        }
        return usersByDn;
    }

    /** The read: users in order, then {@code alsoListed} (tombstones), and groups with their members resolved. */
    DirectoryRead resolve(List<DirectoryUser> alsoListed) {
        DirectoryRead.Builder read = DirectoryRead.builder();
        for (User user : users) {
            read.user(user.toDirectoryUser());
        }
        alsoListed.forEach(read::user);
        resolveGroups().forEach(read::group);
        return read.build();
    }

    private List<DirectoryGroup> resolveGroups() {
        if (groups.isEmpty()) {
            return List.of();
        }
        Resolver resolver = new Resolver();
        List<DirectoryGroup> resolved = new ArrayList<>(groups.size());
        for (Group group : groups) {
            resolved.add(resolver.group(group));
        }
        return resolved;
    }

    /** The indexes that resolve member values: users by DN and by uid (made if a value needs it), groups by DN. */
    private final class Resolver {
        private final Map<String, String> groupIdByDn = new HashMap<>(groups.size() * 2);
        private Map<String, String> userIdByUid;

        Resolver() {
            for (Group group : groups) {
                groupIdByDn.put(group.dn(), group.externalId());
            }
        }

        /**
         * The group with its members resolved. A method of its own, called once per group, rather than the body of
         * the loop over the groups: the JIT compiles it early and small, where a loop that runs once is compiled
         * on the stack, late and whole (about 45 ms of 140 at 100,000 users).
         */
        DirectoryGroup group(Group group) {
            Set<String> groupIds = new HashSet<>();
            // the group's own array, which its SortedIds keeps: a user named twice is dropped when it is sorted
            String[] userIds = new String[group.members().size()];
            int users = 0;
            for (String value : group.members()) {
                String user = resolve(value, groupIds);
                if (user != null) {
                    userIds[users++] = user;
                }
            }
            return new DirectoryGroup(group.externalId(), group.name(), SortedIds.adopt(userIds, users),
                    groupIds.isEmpty() ? Set.of() : Set.copyOf(groupIds));
        }

        /**
         * bwdc's rule: a DN is a user if it is one of the users read, else a nested group; anything else is a uid.
         * Returns the externalId of the user {@code value} names, or null; a nested group's goes to {@code groupIds}.
         */
        String resolve(String value, Set<String> groupIds) {
            if (value.indexOf('=') >= 0) {
                User user = usersByDn().get(value);
                if (user != null) {
                    return user.externalId();
                }
                // not a user's DN as it is: its key, computed once, names a user or a nested group
                String key = DnKey.of(value);
                user = usersByDn.get(key);
                if (user != null) {
                    return user.externalId();
                }
                String group = groupIdByDn.get(key);
                if (group != null) {
                    groupIds.add(group);
                }
                return null;
            }
            return userIdByUid().get(value.trim().toLowerCase(Locale.ROOT));
        }

        private Map<String, String> userIdByUid() {
            if (userIdByUid == null) {
                userIdByUid = new HashMap<>();
                for (User user : users) {
                    if (user.uid() != null) {
                        userIdByUid.putIfAbsent(user.uid().toLowerCase(Locale.ROOT), user.externalId());
                    }
                }
            }
            return userIdByUid;
        }
    }
}
