package io.dirsync.ldap;

import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.dirsync.SourceException;
import io.dirsync.config.JsonFile;
import io.dirsync.config.SyncSettings;
import io.dirsync.model.DirectoryRead;
import io.dirsync.state.CacheUpdate;
import io.dirsync.state.SourceCaches;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read of Active Directory that asks only for what changed since the last one ({@code ldap.incremental=true}),
 * merged into the {@link DirectoryCache} that read left, to give the same complete {@link DirectoryRead} a full read
 * would. When anything about the cache is in doubt the read is full, and leaves a new cache.
 *
 * <h2>When the read is full</h2>
 * {@code sync --full}; no cache, or one that cannot be read, of another format version, or read with other settings
 * ({@link io.dirsync.config.SettingsFingerprint}); another domain controller ({@code dsServiceName}), or the same
 * one restored from a backup (its {@code invocationId} changed) or with a lower highestCommittedUSN; a cache whose
 * full read is {@code sync.full-every} old (at most {@link SourceCaches#MAX_AGE}, even with
 * {@code sync.full-every=0}: deletions are seen through tombstones, which the domain keeps for its tombstone lifetime, 60 or 180 days by default); a
 * filter whose result can change while the entries it selects do not (below); an organizational unit or container
 * renamed or moved. Each full read logs its reason ("Full read: …").
 *
 * <h2>An incremental read</h2>
 * <ol>
 * <li>The root DSE's {@code highestCommittedUSN}, read first, is the next cursor: whatever changes during the read is
 * read again next time.</li>
 * <li>One search of the whole domain, with the show-deleted control, for the users, groups, organizational units
 * and containers whose {@code uSNChanged} is above the cached cursor: their objectGUIDs, DNs, tombstones included.</li>
 * <li>When users (groups) changed, the configured user (group) search — base, object class and the operator's
 * filter — with {@code (uSNChanged>=cursor+1)} added: the server decides what is in scope, exactly as in a full
 * read (AD's bitwise rules, objectCategory shorthands and all). Changed entries it returns replace their cached
 * ones; changed entries it does not return (deleted, moved out, no longer matching) leave the cache. The domain-wide
 * search runs first, so an entry changing in between is at worst taken as in scope and read again next time.</li>
 * <li>Groups whose member DNs changed meaning without the group changing are read again ({@link CacheMerge}).</li>
 * <li>The merged entries are resolved as a full read resolves them ({@link DirectoryEntries#resolve}).</li>
 * </ol>
 *
 * <h2>Filters</h2>
 * A filter on an attribute that the server computes ({@code systemFlags} 0x4) or on a back link (odd
 * {@code linkID}) can change its result for an entry whose {@code uSNChanged} does not move, and so can
 * LDAP_MATCHING_RULE_IN_CHAIN: the read is then full. {@code memberOf} equality, bwdc's usual way to scope users to a
 * group, is followed instead: adding or removing a member changes the group, so while every group named that way is
 * unchanged since the cursor the read stays incremental, and once one has changed (or is gone) it is full.
 *
 * <h2>What Samba 4 does (checked against Samba 4 as an AD DC, as in the tests)</h2>
 * As Windows does: creating, modifying (mail, userAccountControl for disable and enable), renaming and moving a user
 * or group raises its {@code uSNChanged} to the new highestCommittedUSN; adding or removing a member raises the
 * group's, not the member's ({@code memberOf} is a back link); renaming or moving a member raises only the member's,
 * while its groups' {@code member} values show the new DN at once (links are by object), so those groups must be read
 * again; deleting a user raises only its tombstone's ({@code CN=name\0ADEL:guid,CN=Deleted Objects}, objectClass and
 * objectGUID kept, {@code isDeleted=TRUE}), and its groups stop listing it without their {@code uSNChanged} moving;
 * renaming an organizational unit raises only the unit's, not its children's, whose DNs change silently. The root
 * DSE publishes {@code dsServiceName} and {@code highestCommittedUSN}, the NTDS Settings object an
 * {@code invocationId}; the show-deleted control works from the domain root. No deviation from Windows was found.
 * Where a detail may differ between the two (whether deleting a member also raises its groups' {@code uSNChanged}),
 * nothing here depends on it: a DN that names nothing resolves to nothing, as in a full read.
 *
 * <p>Why {@code uSNChanged} and not {@code whenChanged}: USNs are the domain controller's own exact counter, with no
 * clock skew and no two changes in the same second; {@code whenChanged} is neither, and a read would have to overlap
 * by some margin and still could miss a change.
 */
final class IncrementalRead {

    /** LDAP_MATCHING_RULE_IN_CHAIN: nested group membership, evaluated by the server through other entries. */
    static final String IN_CHAIN = "1.2.840.113556.1.4.1941";
    private static final String USN_CHANGED = "uSNChanged";
    private static final String MEMBER_OF = "memberOf";
    private static final int FLAG_ATTR_IS_CONSTRUCTED = 0x4;
    /** Terms per search when groups are read again by member or objectGUID. */
    private static final int REFRESH_BATCH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(IncrementalRead.class);

    /**
     * @param cacheFile           where the cache is kept
     * @param settingsFingerprint the run's {@link io.dirsync.config.SettingsFingerprint}
     * @param fullEvery           {@code sync.full-every}: the longest a cache is followed (zero: {@link SourceCaches#MAX_AGE})
     * @param forceFull           {@code sync --full}
     */
    record Options(DirectoryCacheFile cacheFile, String settingsFingerprint, Duration fullEvery, boolean forceFull,
            Clock clock) {
        Options {
            Objects.requireNonNull(cacheFile, "cacheFile");
            Objects.requireNonNull(settingsFingerprint, "settingsFingerprint");
            Objects.requireNonNull(fullEvery, "fullEvery");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /** Thrown inside an incremental read that finds it cannot go on; the read is then full. */
    private static final class FullReadNeeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FullReadNeeded(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A read, and the cache it leaves to be written when its run commits (null when it leaves none). */
    record Result(DirectoryRead read, CacheUpdate cacheUpdate) {
    }

    /** One entry of the domain-wide search of changes. */
    private record Change(CacheMerge.Kind kind, String id, String dn, boolean deleted) {
    }

    private final LdapSettings ldap;
    private final SyncSettings sync;
    private final Options options;
    private final EntryMapper mapper;

    IncrementalRead(LdapSettings ldap, SyncSettings sync, Options options) {
        if (!ldap.activeDirectory()) {
            throw new IllegalArgumentException("incremental reads need Active Directory");
        }
        this.ldap = ldap;
        this.sync = sync;
        this.options = options;
        this.mapper = new EntryMapper(ldap, true);
    }

    Result read(LDAPConnection connection) {
        Instant started = options.clock().instant();
        Optional<DirectoryCache.Cursor> cursor = cursor(connection);
        if (cursor.isEmpty()) {
            LOG.warn("Full read: {} publishes no highestCommittedUSN, dsServiceName or invocationId, so ldap.incremental"
                    + " cannot follow it (is it Active Directory?)", ldap.server());
            return new Result(LdapDirectoryReader.readAll(connection, ldap, sync, mapper).resolve(List.of()), null);
        }
        String reason;
        Optional<DirectoryCache> cache = Optional.empty();
        try {
            cache = options.cacheFile().load();
            reason = whyFull(cache, cursor.get(), started);
        } catch (JsonFile.Unreadable e) {
            reason = "the directory cache " + options.cacheFile().file() + " is unreadable (" + e.getMessage() + ")";
        }
        if (reason == null) {
            try {
                return incremental(connection, cache.orElseThrow(), cursor.get());
            } catch (FullReadNeeded e) {
                reason = e.getMessage();
            }
        }
        LOG.info("Full read: {}", reason);
        return full(connection, cursor.get(), started);
    }

    // ------------------------------------------------------------------ deciding

    /** Why the cache cannot be followed, or null when it can. */
    String whyFull(Optional<DirectoryCache> loaded, DirectoryCache.Cursor now, Instant started) {
        if (options.forceFull()) {
            return "asked for (sync --full)";
        }
        if (loaded.isEmpty()) {
            return "no directory cache yet";
        }
        DirectoryCache cache = loaded.get();
        if (cache.formatVersion() != DirectoryCache.FORMAT_VERSION) {
            return "the directory cache has format " + cache.formatVersion() + ", this dirsync writes "
                    + DirectoryCache.FORMAT_VERSION;
        }
        if (!cache.settingsFingerprint().equals(options.settingsFingerprint())) {
            return "settings changed since the directory cache was read";
        }
        if (!now.sameServerAs(cache.cursor())) {
            return "domain controller changed (" + now.dsServiceName() + "; the directory cache is from "
                    + cache.cursor().dsServiceName() + ")";
        }
        if (!now.invocationId().equalsIgnoreCase(cache.cursor().invocationId())) {
            return "the domain controller's invocationId changed (restored from a backup?): its USNs are not the ones"
                    + " the directory cache counted";
        }
        if (now.highestCommittedUsn() < cache.cursor().highestCommittedUsn()) {
            return "the domain controller's highestCommittedUSN went back from " + cache.cursor().highestCommittedUsn()
                    + " to " + now.highestCommittedUsn();
        }
        return SourceCaches.whyTooOld("the directory cache", cache.fullReadInstant(), options.fullEvery(), started);
    }

    /** Where the domain controller stands now, or empty when it does not say (not Active Directory). */
    static Optional<DirectoryCache.Cursor> cursor(LDAPConnection connection) {
        try {
            SearchResultEntry root = connection.getEntry("", "dsServiceName", "highestCommittedUSN");
            if (root == null) {
                return Optional.empty();
            }
            String service = root.getAttributeValue("dsServiceName");
            Long usn = root.getAttributeValueAsLong("highestCommittedUSN");
            if (service == null || usn == null) {
                return Optional.empty();
            }
            SearchResultEntry ntds = connection.getEntry(service, "invocationId");
            byte[] invocationId = ntds == null ? null : ntds.getAttributeValueBytes("invocationId");
            if (invocationId == null || invocationId.length != 16) {
                return Optional.empty();
            }
            return Optional.of(new DirectoryCache.Cursor(service, AdGuid.format(invocationId), usn));
        } catch (LDAPException e) {
            throw new SourceException("Reading the root DSE of " + ldap(connection) + " failed: "
                    + LdapConnector.describe(e.getResultCode(), e.getDiagnosticMessage()) + ". Nothing was synced.", e);
        }
    }

    private static String ldap(LDAPConnection connection) {
        return connection.getConnectedAddress() + ":" + connection.getConnectedPort();
    }

    // ------------------------------------------------------------------ full

    private Result full(LDAPConnection connection, DirectoryCache.Cursor cursor, Instant started) {
        DirectoryEntries entries = LdapDirectoryReader.readAll(connection, ldap, sync, mapper);
        Map<String, String> containers = containers(connection);
        Optional<String> noId = entries.users().stream().filter(u -> u.id() == null).map(DirectoryEntries.User::dn)
                .findFirst()
                .or(() -> entries.groups().stream().filter(g -> g.id() == null).map(DirectoryEntries.Group::dn).findFirst());
        CacheUpdate cacheUpdate = null;
        if (noId.isPresent()) {
            LOG.warn("No directory cache written: {} has no objectGUID (may the bind DN read it?)", noId.get());
        } else {
            cacheUpdate = options.cacheFile().stage(
                    DirectoryCache.of(cursor, options.settingsFingerprint(), started, entries, containers));
        }
        return new Result(entries.resolve(List.of()), cacheUpdate);
    }

    /** objectGUID → DN key of every organizational unit and container of the domain. */
    private Map<String, String> containers(LDAPConnection connection) {
        Map<String, String> containers = new LinkedHashMap<>();
        PagedSearch.run(connection, "containers", domain(), containerFilter(), new String[] {"objectGUID"},
                ldap.pageSize(), entry -> {
                    String id = EntryMapper.objectGuid(entry);
                    if (id != null) {
                        containers.put(id, DnKey.of(entry.getDN()));
                    }
                });
        return containers;
    }

    private static Filter containerFilter() {
        return Filter.createORFilter(Filter.createEqualityFilter("objectClass", "organizationalUnit"),
                Filter.createEqualityFilter("objectClass", "container"));
    }

    private String domain() {
        return SearchBase.of(ldap.rootPath(), "");
    }

    // ------------------------------------------------------------------ incremental

    private Result incremental(LDAPConnection connection, DirectoryCache cache, DirectoryCache.Cursor now) {
        long since = cache.cursor().highestCommittedUsn() + 1;
        checkFilters(connection, since);
        List<Change> changes = changes(connection, since);

        CacheMerge merge = new CacheMerge(cache);
        boolean usersChanged = false;
        boolean groupsChanged = false;
        for (Change change : changes) {
            merge.changed(change.kind(), change.id(), change.dn(), change.deleted()).ifPresent(reason -> {
                throw new FullReadNeeded(reason);
            });
            usersChanged |= change.kind() == CacheMerge.Kind.USER;
            groupsChanged |= change.kind() == CacheMerge.Kind.GROUP;
        }
        Filter changed = Filter.createGreaterOrEqualFilter(USN_CHANGED, Long.toString(since));
        if (usersChanged) {
            LdapDirectoryReader.Problems problems = new LdapDirectoryReader.Problems();
            PagedSearch.run(connection, "changed users", ldap.userSearchBase(),
                    Filter.createANDFilter(ldap.userFilter(), changed), mapper.userAttributes(sync.groups()),
                    ldap.pageSize(), entry -> {
                        String externalId = mapper.externalId(entry);
                        DirectoryEntries.User user = externalId == null ? null : mapper.user(entry, externalId);
                        if (user == null || user.id() == null) {
                            problems.add(entry.getDN());
                        } else {
                            merge.inScope(user);
                        }
                    });
            problems.fail();
        }
        if (groupsChanged && sync.groups()) {
            readGroups(connection, "changed groups", Filter.createANDFilter(ldap.groupFilter(), changed))
                    .forEach(merge::inScope);
        }
        CacheMerge.Refresh refresh = merge.apply();
        List<DirectoryEntries.Group> refreshed = sync.groups() && !refresh.isEmpty()
                ? refreshGroups(connection, refresh) : List.of();
        refreshed.forEach(merge::refreshed);
        DirectoryEntries entries = merge.entries();
        CacheUpdate cacheUpdate = null;
        if (!changes.isEmpty()) {
            // with no change at all the cache stays as it is: reading from its older cursor again finds the same nothing
            cacheUpdate = options.cacheFile().stage(new DirectoryCache(DirectoryCache.FORMAT_VERSION, now, options.settingsFingerprint(),
                    cache.fullReadAt(), entries.users(), entries.groups(), merge.containers()));
        }
        LOG.info("Incremental read: {} users and {} groups changed in the domain since USN {}; {} updated and {} removed"
                        + " in scope; {} groups read again for their members", merge.changedUserCount(),
                merge.changedGroupCount(), since - 1, merge.updated(), merge.removed(), refreshed.size());
        return new Result(entries.resolve(List.of()), cacheUpdate);
    }

    /** Every user, group, organizational unit and container changed since {@code since}, tombstones included. */
    private List<Change> changes(LDAPConnection connection, long since) {
        List<Filter> classes = new ArrayList<>();
        classes.add(Filter.createEqualityFilter("objectClass", ldap.userObjectClass()));
        if (sync.groups()) {
            classes.add(Filter.createEqualityFilter("objectClass", ldap.groupObjectClass()));
        }
        classes.add(containerFilter());
        Filter filter = Filter.createANDFilter(Filter.createGreaterOrEqualFilter(USN_CHANGED, Long.toString(since)),
                Filter.createORFilter(classes));
        List<Change> changes = new ArrayList<>();
        String userClass = ldap.userObjectClass();
        String groupClass = ldap.groupObjectClass();
        PagedSearch.run(connection, "changes", domain(), filter, new String[] {"objectGUID", "objectClass", "isDeleted"},
                ldap.pageSize(), entry -> {
                    String id = EntryMapper.objectGuid(entry);
                    if (id == null) {
                        return;
                    }
                    CacheMerge.Kind kind = hasClass(entry, userClass) ? CacheMerge.Kind.USER
                            : hasClass(entry, groupClass) ? CacheMerge.Kind.GROUP : CacheMerge.Kind.CONTAINER;
                    changes.add(new Change(kind, id, DnKey.of(entry.getDN()),
                            "TRUE".equalsIgnoreCase(entry.getAttributeValue("isDeleted"))));
                }, new Control(LdapDirectoryReader.SHOW_DELETED, true));
        return changes;
    }

    private static boolean hasClass(SearchResultEntry entry, String objectClass) {
        String[] classes = entry.getAttributeValues("objectClass");
        if (classes != null) {
            for (String value : classes) {
                if (value.equalsIgnoreCase(objectClass)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Groups found by a search of the group base with this filter, every member range read. */
    private List<DirectoryEntries.Group> readGroups(LDAPConnection connection, String what, Filter filter) {
        LdapDirectoryReader.Problems problems = new LdapDirectoryReader.Problems();
        List<EntryMapper.GroupEntry> read = new ArrayList<>();
        PagedSearch.run(connection, what, ldap.groupSearchBase(), filter, mapper.groupAttributes(), ldap.pageSize(),
                entry -> {
                    if (EntryMapper.objectGuid(entry) == null) {
                        problems.add(entry.getDN());
                    } else {
                        LdapDirectoryReader.addGroup(mapper, entry, read, problems, UnaryOperator.identity());
                    }
                });
        problems.fail();
        List<DirectoryEntries.Group> groups = new ArrayList<>(read.size());
        for (EntryMapper.GroupEntry group : read) {
            group.readRemainingMembers(connection, ldap.memberAttribute(), UnaryOperator.identity());
            groups.add(group.toGroup());
        }
        return groups;
    }

    /** The groups in scope that list a DN which entered the cache, and the cached groups to read again. */
    private List<DirectoryEntries.Group> refreshGroups(LDAPConnection connection, CacheMerge.Refresh refresh) {
        List<Filter> terms = new ArrayList<>();
        refresh.memberDns().forEach(dn -> terms.add(Filter.createEqualityFilter(ldap.memberAttribute(), dn)));
        refresh.groupIds().forEach(id -> terms.add(Filter.createEqualityFilter("objectGUID", AdGuid.parse(id))));
        List<DirectoryEntries.Group> groups = new ArrayList<>();
        for (int from = 0; from < terms.size(); from += REFRESH_BATCH) {
            Filter any = Filter.createORFilter(terms.subList(from, Math.min(terms.size(), from + REFRESH_BATCH)));
            groups.addAll(readGroups(connection, "groups to read again", Filter.createANDFilter(ldap.groupFilter(), any)));
        }
        return groups;
    }

    // ------------------------------------------------------------------ filters

    /**
     * Fails over to a full read when a filter's result may have changed for entries that did not: constructed
     * attributes, back links other than {@code memberOf} equality, LDAP_MATCHING_RULE_IN_CHAIN, or a group named by
     * {@code memberOf} that changed since the cursor.
     */
    private void checkFilters(LDAPConnection connection, long since) {
        Map<String, Filter> filters = new LinkedHashMap<>();
        filters.put("sync.user-filter", ldap.userFilter());
        if (sync.groups()) {
            filters.put("sync.group-filter", ldap.groupFilter());
        }
        Map<String, String> keyByAttribute = new LinkedHashMap<>();
        Map<String, String> memberOfGroups = new LinkedHashMap<>();
        for (Map.Entry<String, Filter> filter : filters.entrySet()) {
            walk(filter.getKey(), filter.getValue(), keyByAttribute, memberOfGroups);
        }
        String schema = schemaNamingContext(connection);
        Filter names = Filter.createORFilter(keyByAttribute.keySet().stream()
                .map(name -> Filter.createEqualityFilter("lDAPDisplayName", name)).toList());
        List<SearchResultEntry> attributes = new ArrayList<>();
        try {
            PagedSearch.run(connection, "attribute schema", schema,
                    Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "attributeSchema"), names),
                    new String[] {"lDAPDisplayName", "linkID", "systemFlags"}, ldap.pageSize(), attributes::add);
        } catch (SourceException e) {
            throw new FullReadNeeded("the attributes the filters use cannot be looked up in the schema ("
                    + e.getMessage() + ")");
        }
        for (SearchResultEntry attribute : attributes) {
            String name = attribute.getAttributeValue("lDAPDisplayName");
            if (name == null) {
                continue;
            }
            String key = keyByAttribute.get(name.toLowerCase(Locale.ROOT));
            Integer flags = attribute.getAttributeValueAsInteger("systemFlags");
            Integer linkId = attribute.getAttributeValueAsInteger("linkID");
            if (flags != null && (flags & FLAG_ATTR_IS_CONSTRUCTED) != 0) {
                throw new FullReadNeeded(key + " uses " + name + ", which the server computes: its value changes"
                        + " without the entries changing");
            }
            if (linkId != null && linkId % 2 != 0 && !name.equalsIgnoreCase(MEMBER_OF)) {
                throw new FullReadNeeded(key + " uses " + name + ", a back link: its value changes without the entries"
                        + " changing");
            }
        }
        for (Map.Entry<String, String> group : memberOfGroups.entrySet()) {
            checkUnchanged(connection, group.getKey(), group.getValue(), since);
        }
    }

    /** Collects attribute names (lower case, key of the first filter using them) and memberOf groups (DN → key). */
    private static void walk(String key, Filter filter, Map<String, String> keyByAttribute, Map<String, String> memberOfGroups) {
        switch (filter.getFilterType()) {
            case Filter.FILTER_TYPE_AND, Filter.FILTER_TYPE_OR -> {
                for (Filter component : filter.getComponents()) {
                    walk(key, component, keyByAttribute, memberOfGroups);
                }
            }
            case Filter.FILTER_TYPE_NOT -> walk(key, filter.getNOTComponent(), keyByAttribute, memberOfGroups);
            default -> {
                if (IN_CHAIN.equals(filter.getMatchingRuleID())) {
                    throw new FullReadNeeded(key + " uses LDAP_MATCHING_RULE_IN_CHAIN (" + IN_CHAIN + "), whose result"
                            + " changes with nested memberships the entries do not record");
                }
                String attribute = filter.getAttributeName();
                if (attribute == null) {
                    return;
                }
                String name = attribute.split(";", 2)[0].toLowerCase(Locale.ROOT);
                keyByAttribute.putIfAbsent(name, key);
                if (name.equalsIgnoreCase(MEMBER_OF)) {
                    if (filter.getFilterType() != Filter.FILTER_TYPE_EQUALITY || filter.getDNAttributes()) {
                        throw new FullReadNeeded(key + " uses memberOf other than as (memberOf=<group DN>), whose result"
                                + " changes with group memberships the entries do not record");
                    }
                    memberOfGroups.putIfAbsent(filter.getAssertionValue(), key);
                }
            }
        }
    }

    private static String schemaNamingContext(LDAPConnection connection) {
        try {
            SearchResultEntry root = connection.getEntry("", "schemaNamingContext");
            String schema = root == null ? null : root.getAttributeValue("schemaNamingContext");
            if (schema == null) {
                throw new FullReadNeeded("the server publishes no schemaNamingContext, so the filters cannot be checked");
            }
            return schema;
        } catch (LDAPException e) {
            throw new SourceException("Reading the root DSE failed: "
                    + LdapConnector.describe(e.getResultCode(), e.getDiagnosticMessage()) + ". Nothing was synced.", e);
        }
    }

    /** The group a filter names by memberOf: if it changed since the cursor, its members' scope may have. */
    private static void checkUnchanged(LDAPConnection connection, String groupDn, String key, long since) {
        SearchResultEntry group;
        try {
            group = connection.getEntry(groupDn, USN_CHANGED);
        } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
                throw new SourceException("Reading " + groupDn + " failed: "
                        + LdapConnector.describe(e.getResultCode(), e.getDiagnosticMessage()) + ". Nothing was synced.", e);
            }
            group = null;
        }
        if (group == null) {
            throw new FullReadNeeded(key + " names " + groupDn + " by memberOf, and there is no such entry");
        }
        Long usn = group.getAttributeValueAsLong(USN_CHANGED);
        if (usn == null || usn >= since) {
            throw new FullReadNeeded(key + " selects members of " + groupDn + " (memberOf), which changed");
        }
    }
}
