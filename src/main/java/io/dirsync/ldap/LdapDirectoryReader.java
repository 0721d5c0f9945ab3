package io.dirsync.ldap;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.dirsync.SourceException;
import io.dirsync.config.Settings;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryRead;
import io.dirsync.model.DirectoryUser;
import io.dirsync.sync.SyncSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LDAP source, step "read" of the sync route: users, then groups, on one connection, each a paged,
 * streamed search asking only for the attributes it maps. Group members (DNs as in {@code member}, or uids
 * as in {@code memberUid}) are resolved to the externalIds of the users and groups read.
 */
public class LdapDirectoryReader implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(LdapDirectoryReader.class);
    /** Active Directory's LDAP_SERVER_SHOW_DELETED_OID: tombstones are returned too. */
    static final String SHOW_DELETED = "1.2.840.113556.1.4.417";

    private CamelContext camelContext;

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    /**
     * @param includeDeleted also list Active Directory's tombstoned users (deleted), as bwdc's {@code test}
     *                       does; a sync does not need them, since leavers are found against the applied state
     */
    public DirectoryRead read(Boolean includeDeleted) {
        Settings settings = Settings.of(camelContext);
        return read(LdapSettings.from(settings), SyncSettings.from(settings), Boolean.TRUE.equals(includeDeleted));
    }

    public DirectoryRead read(LdapSettings ldap, SyncSettings sync) {
        return read(ldap, sync, false);
    }

    public DirectoryRead read(LdapSettings ldap, SyncSettings sync, boolean includeDeleted) {
        warnAboutIgnoredRootPath(ldap.rootPath());
        long started = System.nanoTime();
        EntryMapper mapper = new EntryMapper(ldap);
        try (LDAPConnection connection = new LdapConnector(ldap).open()) {
            // Users are read even for a groups-only run: they resolve the groups' members, as in bwdc.
            Directory directory = new Directory();
            PagedSearch.run(connection, "users", ldap.userSearchBase(), ldap.userFilter(),
                    mapper.userAttributes(sync.groups()), ldap.pageSize(), entry -> directory.addUser(mapper, entry));
            directory.failOnProblems();
            if (includeDeleted && ldap.activeDirectory() && sync.users()) {
                readDeletedUsers(connection, ldap, mapper, directory);
            }
            List<DirectoryGroup> groups = List.of();
            if (sync.groups()) {
                PagedSearch.run(connection, "groups", ldap.groupSearchBase(), ldap.groupFilter(),
                        mapper.groupAttributes(), ldap.pageSize(), entry -> directory.addGroup(mapper, entry));
                directory.failOnProblems();
                directory.readRemainingMembers(connection, ldap.memberAttribute());
                groups = directory.resolveGroups();
            }
            LOG.info("Read {} users and {} groups from {} in {} ms", directory.users.size(), groups.size(),
                    ldap.server(), (System.nanoTime() - started) / 1_000_000);
            return new DirectoryRead(directory.users, groups);
        }
    }

    /** bwdc's search of CN=Deleted Objects with the show-deleted control; a failure is only a warning, as there. */
    private static void readDeletedUsers(LDAPConnection connection, LdapSettings ldap, EntryMapper mapper, Directory directory) {
        String base = SearchBase.of(ldap.rootPath(), "CN=Deleted Objects");
        Filter filter = Filter.createANDFilter(ldap.userObjectClassFilter(), Filter.createEqualityFilter("isDeleted", "TRUE"));
        try {
            PagedSearch.run(connection, "deleted users", base, filter, mapper.userAttributes(false), ldap.pageSize(),
                    entry -> directory.addDeletedUser(mapper, entry), new Control(SHOW_DELETED, true));
        } catch (SourceException e) {
            LOG.warn("Cannot read deleted users: {}", e.getMessage());
        }
    }

    private static void warnAboutIgnoredRootPath(String rootPath) {
        String ignored = SearchBase.ignoredPrefix(rootPath);
        if (!ignored.isEmpty()) {
            LOG.warn("ldap.root-path starts with '{}', which is ignored (as bwdc does): searches start at the dc= part."
                    + " Put it in sync.user-path / sync.group-path instead.", ignored);
        }
    }

    /** The users and groups of one read, with the indexes that resolve member values. */
    private static final class Directory {
        final List<DirectoryUser> users = new ArrayList<>();
        final Map<String, String> userIdByDn = new HashMap<>();
        final Map<String, String> userIdByUid = new HashMap<>();
        final Map<String, String> groupIdByDn = new HashMap<>();
        final List<EntryMapper.GroupEntry> groupEntries = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        void addUser(EntryMapper mapper, SearchResultEntry entry) {
            String externalId = mapper.externalId(entry);
            if (externalId == null) {
                problems.add(entry.getDN());
                return;
            }
            users.add(mapper.user(entry, externalId));
            userIdByDn.put(DnKey.of(entry.getDN()), externalId);
            String uid = entry.getAttributeValue("uid");
            if (uid != null) {
                userIdByUid.putIfAbsent(uid.toLowerCase(Locale.ROOT), externalId);
            }
        }

        void addDeletedUser(EntryMapper mapper, SearchResultEntry entry) {
            String externalId = mapper.externalId(entry);
            if (externalId != null) {
                users.add(mapper.deletedUser(entry, externalId));
            }
        }

        void addGroup(EntryMapper mapper, SearchResultEntry entry) {
            String externalId = mapper.externalId(entry);
            if (externalId == null) {
                problems.add(entry.getDN());
                return;
            }
            EntryMapper.GroupEntry group = mapper.group(entry, externalId);
            groupEntries.add(group);
            groupIdByDn.put(DnKey.of(entry.getDN()), externalId);
        }

        /** Large Active Directory groups arrive in ranges: the rest is read once the paged search is over. */
        void readRemainingMembers(LDAPConnection connection, String memberAttribute) {
            for (EntryMapper.GroupEntry group : groupEntries) {
                if (group.moreFrom().isPresent()) {
                    MemberRanges.readRest(connection, group.dn(), memberAttribute, group.moreFrom().getAsInt(),
                            group.memberValues());
                }
            }
        }

        void failOnProblems() {
            if (!problems.isEmpty()) {
                throw new SourceException(problems.size() + " entries have no value for the externalId attribute, e.g. "
                        + problems.get(0) + ". Check ldap.external-id-attribute (and that the bind DN may read it).");
            }
        }

        List<DirectoryGroup> resolveGroups() {
            List<DirectoryGroup> groups = new ArrayList<>(groupEntries.size());
            for (EntryMapper.GroupEntry entry : groupEntries) {
                Set<String> userIds = new LinkedHashSet<>();
                Set<String> groupIds = new LinkedHashSet<>();
                for (String value : entry.memberValues()) {
                    resolveMember(value, userIds, groupIds);
                }
                groups.add(new DirectoryGroup(entry.externalId(), entry.name(), userIds, groupIds));
            }
            return groups;
        }

        /** bwdc's rule: a DN is a user if it is one of the users read, else a nested group; anything else is a uid. */
        private void resolveMember(String value, Set<String> userIds, Set<String> groupIds) {
            if (value.indexOf('=') >= 0) {
                String key = DnKey.of(value);
                String user = userIdByDn.get(key);
                if (user != null) {
                    userIds.add(user);
                    return;
                }
                String group = groupIdByDn.get(key);
                if (group != null) {
                    groupIds.add(group);
                }
                return;
            }
            String user = userIdByUid.get(value.trim().toLowerCase(Locale.ROOT));
            if (user != null) {
                userIds.add(user);
            }
        }
    }
}
